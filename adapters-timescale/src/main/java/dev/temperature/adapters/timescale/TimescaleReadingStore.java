package dev.temperature.adapters.timescale;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.sql.SQLException;
import java.time.Instant;
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
 * parameter; the average is computed by one aggregate query in the database.
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

  private record Key(BuildingId building, RoomId room, Instant recordedAt) {}

  private final Jdbi jdbi;
  private final Runnable discardPooledConnections;

  /**
   * @param discardPooledConnections closes every pooled connection; called when one turns out to be
   *     dead, because after a database restart they all are
   */
  public TimescaleReadingStore(Jdbi jdbi, Runnable discardPooledConnections) {
    this.jdbi = jdbi;
    this.discardPooledConnections = discardPooledConnections;
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
   * an idle connection cut by a firewall). The retry is safe because both operations are
   * idempotent: an upsert of the same reading, or a read. Any other failure, or a second one, is
   * reported as the store being unavailable.
   */
  private <T> T guarded(String action, Supplier<T> work) {
    try {
      return work.get();
    } catch (JdbiException first) {
      if (!lostConnection(first)) {
        throw unavailable(action, first);
      }
      discardPooledConnections.run();
      try {
        return work.get();
      } catch (JdbiException second) {
        second.addSuppressed(first);
        throw unavailable(action, second);
      }
    }
  }

  /** SQLSTATE class 08 (connection exception) or 57P01-57P03 (the server shut down or restarts). */
  static boolean lostConnection(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P0")) {
          return true;
        }
      }
    }
    return false;
  }

  private static StorageUnavailableException unavailable(String action, JdbiException e) {
    return new StorageUnavailableException(
        "PostgreSQL could not " + action + ": " + e.getMessage(), e);
  }
}
