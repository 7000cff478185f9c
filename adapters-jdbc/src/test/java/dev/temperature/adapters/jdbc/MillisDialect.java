package dev.temperature.adapters.jdbc;

import dev.temperature.domain.Interval;
import dev.temperature.domain.Resolution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Moments as epoch milliseconds, buckets as whole multiples of the width in milliseconds (floor,
 * also before 1970), spans as one JSON text: SQLite's own dialect, written again since the core
 * cannot see it.
 */
final class MillisDialect implements SqlDialect {
  @Override
  public Argument instant(Instant instant) {
    return (position, statement, context) -> statement.setLong(position, instant.toEpochMilli());
  }

  @Override
  public Instant instant(ResultSet rows, String column) throws SQLException {
    return Instant.ofEpochMilli(rows.getLong(column));
  }

  @Override
  public String bucketsQuery() {
    return """
        SELECT recorded_at - ((recorded_at % :width) + :width) % :width AS bucket_start, count(*) AS n,
               sum(temperature) AS total, min(temperature) AS lowest, max(temperature) AS highest
        FROM readings
        WHERE building_id = :building AND room_id = :room AND recorded_at BETWEEN :from AND :to
        GROUP BY bucket_start ORDER BY bucket_start
        """;
  }

  @Override
  public Object bucketWidth(Interval interval) {
    return interval.millis();
  }

  @Override
  public String codePointCollation() {
    return "BINARY";
  }

  @Override
  public String floor(Resolution unit, String moment) {
    return "(%1$s - ((%1$s %% %2$d) + %2$d) %% %2$d)".formatted(moment, unit.unit().toMillis());
  }

  @Override
  public String fromMillis(String millis) {
    return millis;
  }

  @Override
  public String spans(String name, String alias) {
    return ("(SELECT json_extract(value, '$[0]') AS f, json_extract(value, '$[1]') AS t,"
            + " json_extract(value, '$[2]') AS i FROM json_each(:%s)) AS %s")
        .formatted(name, alias);
  }

  @Override
  public void bindSpans(SqlStatement<?> statement, String name, List<long[]> spans) {
    statement.bind(
        name,
        spans.stream()
            .map(span -> "[" + span[0] + "," + span[1] + "," + span[2] + "]")
            .collect(Collectors.joining(",", "[", "]")));
  }

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
      if (String.valueOf(cause.getMessage()).contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
        return true;
      }
    }
    return false;
  }
}
