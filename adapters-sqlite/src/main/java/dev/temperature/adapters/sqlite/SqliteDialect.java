package dev.temperature.adapters.sqlite;

import dev.temperature.adapters.jdbc.SqlDialect;
import dev.temperature.domain.Interval;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.argument.Argument;

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
}
