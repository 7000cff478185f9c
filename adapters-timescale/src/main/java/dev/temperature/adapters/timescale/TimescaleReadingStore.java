package dev.temperature.adapters.timescale;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Readings in PostgreSQL (a hypertable when TimescaleDB is there). Every value is a bound
 * parameter; aggregates, per window or per bucket, are computed by one query in the database.
 */
public final class TimescaleReadingStore implements ReadingStore {
  private static final String UPSERT =
      """
      INSERT INTO readings (building_id, room_id, recorded_at, temperature)
      VALUES (:building, :room, :recordedAt, :temperature)
      ON CONFLICT (building_id, room_id, recorded_at) DO UPDATE SET temperature = excluded.temperature
      """;

  private static final String AGGREGATE =
      """
      SELECT count(*) AS n, coalesce(sum(temperature), 0) AS total,
             min(temperature) AS lowest, max(temperature) AS highest
      FROM readings
      WHERE building_id = :building AND room_id = :room
        AND recorded_at BETWEEN :from AND :to
      """;

  // %s is time_bucket or date_bin (PostgreSQL 14+), chosen by the code: both take (stride, time,
  // origin) and floor to multiples of the stride since the origin, also before 1970. The width
  // is bound as a number of milliseconds, so it never has a day or month part that a time zone
  // could stretch.
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

  private static final String NEWEST_FIRST =
      """
      SELECT recorded_at, temperature
      FROM readings
      WHERE building_id = :building AND room_id = :room
        AND recorded_at BETWEEN :from AND :to
      ORDER BY recorded_at DESC
      LIMIT :limit
      """;

  // SELECT DISTINCT would read every reading. This loose index scan jumps through the
  // (building_id, room_id, recorded_at) index, one lookup per building. It steps in the index's
  // own collation so that each lookup can use it, and only the short result is sorted by code
  // point (COLLATE "C"), the order the port promises, whatever the database's default collation.
  private static final String BUILDINGS =
      """
      WITH RECURSIVE building(id) AS (
        (SELECT building_id FROM readings ORDER BY building_id LIMIT 1)
        UNION ALL
        SELECT (SELECT building_id FROM readings WHERE building_id > building.id
                ORDER BY building_id LIMIT 1)
        FROM building WHERE building.id IS NOT NULL
      )
      SELECT id FROM building WHERE id IS NOT NULL ORDER BY id COLLATE "C"
      """;

  private static final String ROOMS =
      """
      WITH RECURSIVE room(id) AS (
        (SELECT room_id FROM readings WHERE building_id = :building ORDER BY room_id LIMIT 1)
        UNION ALL
        SELECT (SELECT room_id FROM readings WHERE building_id = :building AND room_id > room.id
                ORDER BY room_id LIMIT 1)
        FROM room WHERE room.id IS NOT NULL
      )
      SELECT id FROM room WHERE id IS NOT NULL ORDER BY id COLLATE "C"
      """;

  private record Key(BuildingId building, RoomId room, Instant recordedAt) {}

  private final Jdbi jdbi;
  private final String buckets;
  private final Runnable discardPooledConnections;

  /**
   * @param features what the server offers: with the TimescaleDB extension, buckets come from its
   *     time_bucket, otherwise from PostgreSQL's date_bin
   * @param discardPooledConnections closes every pooled connection; called when one turns out to be
   *     dead, because after a database restart they all are
   */
  public TimescaleReadingStore(
      Jdbi jdbi, TimescaleFeatures features, Runnable discardPooledConnections) {
    this.jdbi = jdbi;
    this.buckets = BUCKETS.formatted(features.extension() ? "time_bucket" : "date_bin");
    this.discardPooledConnections = discardPooledConnections;
  }

  /** The statement {@link #buckets} runs, for tests to see which function it uses. */
  String bucketsQuery() {
    return buckets;
  }

  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    Collection<Reading> latest = lastPerKey(readings);
    guarded(
        "store readings",
        () ->
            jdbi.inTransaction(
                handle -> {
                  PreparedBatch batch = handle.prepareBatch(UPSERT);
                  for (Reading reading : latest) {
                    batch
                        .bind("building", reading.building().value())
                        .bind("room", reading.room().value())
                        .bind("recordedAt", timestamptz(reading.recordedAt()))
                        .bind("temperature", reading.temperature().celsius())
                        .add();
                  }
                  // One round trip: the driver sends the whole batch at once (and with
                  // reWriteBatchedInserts as a multi-row INSERT).
                  return batch.execute();
                }));
  }

  @Override
  public Aggregate aggregate(BuildingId building, RoomId room, Window window) {
    return guarded(
        "aggregate readings",
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(AGGREGATE)
                        .bind("building", building.value())
                        .bind("room", room.value())
                        .bind("from", timestamptz(window.from()))
                        .bind("to", timestamptz(window.to()))
                        .map(
                            (rows, ctx) ->
                                Aggregate.of(
                                    rows.getLong("n"),
                                    rows.getDouble("total"),
                                    rows.getDouble("lowest"),
                                    rows.getDouble("highest")))
                        .one()));
  }

  @Override
  public List<TimeBucket> buckets(
      BuildingId building, RoomId room, Window window, Interval interval) {
    return guarded(
        "aggregate readings per bucket",
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(buckets)
                        .bind("building", building.value())
                        .bind("room", room.value())
                        .bind("from", timestamptz(window.from()))
                        .bind("to", timestamptz(window.to()))
                        .bind("width", interval.millis() + " milliseconds")
                        .map(
                            (rows, ctx) ->
                                new TimeBucket(
                                    instant(rows, "bucket_start"),
                                    Aggregate.of(
                                        rows.getLong("n"),
                                        rows.getDouble("total"),
                                        rows.getDouble("lowest"),
                                        rows.getDouble("highest"))))
                        .list()));
  }

  @Override
  public List<Reading> newestFirst(BuildingId building, RoomId room, Window window, int limit) {
    return guarded(
        "list readings",
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(NEWEST_FIRST)
                        .bind("building", building.value())
                        .bind("room", room.value())
                        .bind("from", timestamptz(window.from()))
                        .bind("to", timestamptz(window.to()))
                        .bind("limit", limit)
                        .map(
                            (rows, ctx) ->
                                new Reading(
                                    building,
                                    room,
                                    Temperature.celsius(rows.getDouble("temperature")),
                                    instant(rows, "recorded_at")))
                        .list()));
  }

  @Override
  public List<BuildingId> buildings() {
    return guarded(
        "list buildings",
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(BUILDINGS)
                        .map((rows, ctx) -> new BuildingId(rows.getString("id")))
                        .list()));
  }

  @Override
  public List<RoomId> rooms(BuildingId building) {
    return guarded(
        "list rooms",
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(ROOMS)
                        .bind("building", building.value())
                        .map((rows, ctx) -> new RoomId(rows.getString("id")))
                        .list()));
  }

  /** Read as an OffsetDateTime, the driver's zone-independent mapping of timestamptz. */
  private static Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  /**
   * A multi-row INSERT ... ON CONFLICT may not touch the same row twice, so duplicates within one
   * append are settled here, the later reading winning, as the port promises.
   */
  private static Collection<Reading> lastPerKey(List<Reading> readings) {
    Map<Key, Reading> latest = new LinkedHashMap<>();
    for (Reading reading : readings) {
      Key key = new Key(reading.building(), reading.room(), reading.recordedAt());
      latest.remove(key);
      latest.put(key, reading);
    }
    return latest.values();
  }

  /**
   * Sent as an OffsetDateTime in UTC, which the driver types as timestamptz; a java.sql.Timestamp
   * would travel without a zone and depend on the JVM's and the session's time zones.
   */
  private static Argument timestamptz(Instant instant) {
    return (position, statement, context) ->
        statement.setObject(position, instant.atOffset(ZoneOffset.UTC));
  }

  /**
   * Runs {@code work}, retrying once when the connection was lost (a database restart, a failover,
   * a connection the server closed); not when it timed out. The retry is safe because both
   * operations are idempotent: an upsert of the same reading, or a read. A statement the server
   * refused is a bug (500); any other failure, or a second one, is reported as the store being
   * unavailable (503).
   */
  private <T> T guarded(String action, Supplier<T> work) {
    try {
      return work.get();
    } catch (JdbiException first) {
      if (!PostgresFailure.lostConnection(first)) {
        throw translated(action, first);
      }
      discardPooledConnections.run();
      try {
        return work.get();
      } catch (JdbiException second) {
        second.addSuppressed(first);
        throw translated(action, second);
      }
    }
  }

  private static RuntimeException translated(String action, JdbiException e) {
    if (PostgresFailure.refusedStatement(e)) {
      return new IllegalStateException(
          "PostgreSQL refused to "
              + action
              + " (SQLSTATE "
              + PostgresFailure.sqlState(e).orElseThrow()
              + "); the schema may not match this version: "
              + e.getMessage(),
          e);
    }
    return new StorageUnavailableException(
        "PostgreSQL could not " + action + ": " + e.getMessage(), e);
  }
}
