package dev.temperature.adapters.sqlite;

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
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Readings in one SQLite table keyed by (building, room, time). Times are stored as epoch
 * milliseconds, the precision of a {@link Reading}, so comparisons are exact integer comparisons.
 */
public final class SqliteReadingStore implements ReadingStore {
  /**
   * SQLite's primary result codes that describe the statement, not the file's state: ERROR (1, a
   * missing table or bad SQL), TOOBIG (18), CONSTRAINT (19), MISMATCH (20) and RANGE (25).
   */
  private static final Set<Integer> REFUSED_CODES = Set.of(1, 18, 19, 20, 25);

  private static final String UPSERT =
      """
      INSERT INTO readings (building_id, room_id, recorded_at, temperature)
      VALUES (:building, :room, :recordedAt, :temperature)
      ON CONFLICT (building_id, room_id, recorded_at) DO UPDATE SET temperature = excluded.temperature
      """;

  // total() rather than sum(): it is 0.0, not NULL, for no rows, and never overflows to an error.
  private static final String AGGREGATE =
      """
      SELECT count(*) AS n, total(temperature) AS total, min(temperature) AS lowest,
             max(temperature) AS highest
      FROM readings
      WHERE building_id = :building AND room_id = :room AND recorded_at BETWEEN :from AND :to
      """;

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

  private static final String NEWEST_FIRST =
      """
      SELECT recorded_at, temperature
      FROM readings
      WHERE building_id = :building AND room_id = :room AND recorded_at BETWEEN :from AND :to
      ORDER BY recorded_at DESC
      LIMIT :limit
      """;

  // A loose index scan: each step is one primary-key lookup of the next greater id, so the cost
  // grows with the number of buildings, not readings, as SELECT DISTINCT's would. Ids are ASCII,
  // so SQLite's default BINARY collation is Java's String order.
  private static final String BUILDINGS =
      """
      WITH RECURSIVE building(id) AS (
        SELECT min(building_id) FROM readings
        UNION ALL
        SELECT (SELECT min(building_id) FROM readings WHERE building_id > building.id)
        FROM building WHERE building.id IS NOT NULL
      )
      SELECT id FROM building WHERE id IS NOT NULL ORDER BY id
      """;

  private static final String ROOMS =
      """
      WITH RECURSIVE room(id) AS (
        SELECT min(room_id) FROM readings WHERE building_id = :building
        UNION ALL
        SELECT (SELECT min(room_id) FROM readings
                WHERE building_id = :building AND room_id > room.id)
        FROM room WHERE room.id IS NOT NULL
      )
      SELECT id FROM room WHERE id IS NOT NULL ORDER BY id
      """;

  private final Jdbi jdbi;

  public SqliteReadingStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    guarded(
        "store readings",
        () ->
            jdbi.inTransaction(
                handle -> {
                  PreparedBatch batch = handle.prepareBatch(UPSERT);
                  for (Reading reading : readings) {
                    batch
                        .bind("building", reading.building().value())
                        .bind("room", reading.room().value())
                        .bind("recordedAt", reading.recordedAt().toEpochMilli())
                        .bind("temperature", reading.temperature().celsius())
                        .add();
                  }
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
                        .bind("from", window.from().toEpochMilli())
                        .bind("to", window.to().toEpochMilli())
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
                        .createQuery(BUCKETS)
                        .bind("building", building.value())
                        .bind("room", room.value())
                        .bind("from", window.from().toEpochMilli())
                        .bind("to", window.to().toEpochMilli())
                        .bind("width", interval.millis())
                        .map(
                            (rows, ctx) ->
                                new TimeBucket(
                                    Instant.ofEpochMilli(rows.getLong("bucket_start")),
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
                        .bind("from", window.from().toEpochMilli())
                        .bind("to", window.to().toEpochMilli())
                        .bind("limit", limit)
                        .map(
                            (rows, ctx) ->
                                new Reading(
                                    building,
                                    room,
                                    Temperature.celsius(rows.getDouble("temperature")),
                                    Instant.ofEpochMilli(rows.getLong("recorded_at"))))
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

  /**
   * A statement SQLite refused is a bug or a damaged schema (500); anything else, such as a lock
   * held past the busy timeout, a full disk or an I/O error, leaves the store unavailable for now
   * (503).
   */
  private static <T> T guarded(String action, Supplier<T> work) {
    try {
      return work.get();
    } catch (JdbiException e) {
      OptionalInt refused = refusedCode(e);
      if (refused.isPresent()) {
        throw new IllegalStateException(
            "SQLite refused to "
                + action
                + " (result code "
                + refused.getAsInt()
                + "); the database file may not match this version: "
                + e.getMessage(),
            e);
      }
      throw new StorageUnavailableException(
          "SQLite could not " + action + ": " + e.getMessage(), e);
    }
  }

  static OptionalInt refusedCode(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && REFUSED_CODES.contains(sql.getErrorCode())) {
        return OptionalInt.of(sql.getErrorCode());
      }
    }
    return OptionalInt.empty();
  }
}
