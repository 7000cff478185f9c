package dev.temperature.adapters.sqlite;

import dev.temperature.adapters.jdbc.SqlDialect;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Resolution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite keeps a moment as epoch milliseconds, the precision of a reading, so that comparisons are
 * exact integer comparisons and buckets are integer arithmetic.
 */
final class SqliteDialect implements SqlDialect {
  // % truncates toward zero, so before 1970 recorded_at % width is negative; adding the width and
  // taking % again makes it the floor remainder, and buckets start at or before their readings.
  private static final String BUCKETS =
      """
      SELECT recorded_at - ((recorded_at % :width) + :width) % :width AS bucket_start,
             count(*) AS n, total(temperature) AS total, min(temperature) AS lowest,
             max(temperature) AS highest
      FROM readings
      WHERE building_id = :building AND room_id = :room AND recorded_at BETWEEN :from AND :to
      GROUP BY bucket_start
      ORDER BY bucket_start
      """;

  @Override
  public Argument instant(Instant instant) {
    long millis = instant.toEpochMilli();
    return (position, statement, context) -> statement.setLong(position, millis);
  }

  @Override
  public Instant instant(ResultSet rows, String column) throws SQLException {
    return Instant.ofEpochMilli(rows.getLong(column));
  }

  @Override
  public String bucketsQuery() {
    return BUCKETS;
  }

  @Override
  public Object bucketWidth(Interval interval) {
    return interval.millis();
  }

  /** SQLite's default for text, byte order of UTF-8, which is code-point order. */
  @Override
  public String codePointCollation() {
    return "BINARY";
  }

  /** Integer arithmetic on epoch milliseconds, floored as {@link #BUCKETS} explains. */
  @Override
  public String floor(Resolution unit, String moment) {
    long width = unit.unit().toMillis();
    return "(%1$s - ((%1$s %% %2$d) + %2$d) %% %2$d)".formatted(moment, width);
  }

  @Override
  public String fromMillis(String millis) {
    return millis;
  }

  /**
   * SQLite binds no arrays: the spans travel as one JSON text, {@code [[from, to, index], ...]},
   * unpacked by json_each. Only numbers the code makes go into it.
   */
  @Override
  public String spans(String name, String alias) {
    return ("(SELECT json_extract(value, '$[0]') AS f, json_extract(value, '$[1]') AS t,"
            + " json_extract(value, '$[2]') AS i FROM json_each(:%s)) AS %s")
        .formatted(name, alias);
  }

  @Override
  public void bindSpans(SqlStatement<?> statement, String name, List<long[]> spans) {
    StringBuilder json = new StringBuilder(spans.size() * 36 + 2).append('[');
    for (long[] span : spans) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('[').append(span[0]).append(',').append(span[1]).append(',').append(span[2]);
      json.append(']');
    }
    statement.bind(name, json.append(']').toString());
  }

  /** SQLite's two-argument min and max are scalar functions. */
  @Override
  public String least() {
    return "min";
  }

  @Override
  public String greatest() {
    return "max";
  }

  @Override
  public boolean keyTaken(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLiteException sqlite
          && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getMessage() != null
          && sql.getMessage().contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
        return true;
      }
    }
    return false;
  }
}
