package dev.temperature.adapters.jdbc;

import dev.temperature.domain.Interval;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.argument.Argument;

/**
 * Moments as epoch milliseconds, buckets as whole multiples of the width in milliseconds (floor,
 * also before 1970): SQLite's own dialect, written again since the core cannot see it.
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
}
