package dev.temperature.adapters.timescale;

import dev.temperature.adapters.jdbc.SqlDialect;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * PostgreSQL keeps a moment as timestamptz; buckets come from TimescaleDB's time_bucket when the
 * extension is there and from date_bin (PostgreSQL 14+) when it is not.
 */
final class PostgresDialect implements SqlDialect {
  // %s is time_bucket or date_bin: both take (stride, time, origin) and floor to multiples of the
  // stride since the origin, also before 1970. The width is bound as a number of milliseconds, so
  // it never has a day or month part that a time zone could stretch.
  private static final String BUCKETS =
      """
      SELECT %s(CAST(:width AS interval), recorded_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')
               AS bucket_start,
             count(*) AS n, sum(temperature) AS total,
             min(temperature) AS lowest, max(temperature) AS highest
      FROM readings
      WHERE building_id = :building AND room_id = :room
        AND recorded_at BETWEEN :from AND :to
      GROUP BY bucket_start
      ORDER BY bucket_start
      """;

  private record Key(BuildingId building, RoomId room, Instant recordedAt) {}

  private static final Comparator<Reading> KEY_ORDER =
      Comparator.comparing((Reading reading) -> reading.building().value())
          .thenComparing(reading -> reading.room().value())
          .thenComparing(Reading::recordedAt);

  private final String buckets;

  /**
   * @param features what the server offers: with the TimescaleDB extension, buckets come from its
   *     time_bucket, otherwise from PostgreSQL's date_bin
   */
  PostgresDialect(TimescaleFeatures features) {
    this.buckets = BUCKETS.formatted(features.extension() ? "time_bucket" : "date_bin");
  }

  /**
   * Sent as an OffsetDateTime in UTC, which the driver types as timestamptz; a java.sql.Timestamp
   * would travel without a zone and depend on the JVM's and the session's time zones.
   */
  @Override
  public Argument instant(Instant instant) {
    OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
    return (position, statement, context) -> statement.setObject(position, utc);
  }

  /** Read as an OffsetDateTime, the driver's zone-independent mapping of timestamptz. */
  @Override
  public Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  @Override
  public String bucketsQuery() {
    return buckets;
  }

  @Override
  public Object bucketWidth(Interval interval) {
    return interval.millis() + " milliseconds";
  }

  /**
   * Byte order, whatever the database's default collation is: in en_US.UTF-8, say, {@code R1} would
   * sort after {@code r1}, and a room page would differ from the other engines'.
   */
  @Override
  public String codePointCollation() {
    return "\"C\"";
  }

  /**
   * The driver rewrites a batch into a multi-row INSERT ... ON CONFLICT, which may not touch the
   * same row twice, so duplicates within one append are settled here, the later reading winning.
   * The rows then go in key order: two writers (two replicas of the service) whose batches share
   * keys take the row locks in the same order, and so cannot deadlock.
   */
  /**
   * COPY first, in key order for the same reason as {@link #batch}; the upsert when a key was
   * already stored or repeats within the readings.
   */
  @Override
  public void write(Handle handle, List<Reading> readings, Upsert upsert) {
    List<Reading> sorted = new ArrayList<>(readings);
    sorted.sort(KEY_ORDER);
    if (!PostgresCopy.tryCopy(handle, sorted)) {
      upsert.write(handle, readings);
    }
  }

  @Override
  public List<Reading> batch(List<Reading> readings) {
    Map<Key, Reading> latest = new HashMap<>();
    for (Reading reading : readings) {
      latest.put(new Key(reading.building(), reading.room(), reading.recordedAt()), reading);
    }
    List<Reading> sorted = new ArrayList<>(latest.values());
    sorted.sort(KEY_ORDER);
    return sorted;
  }
}
