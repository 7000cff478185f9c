package dev.temperature.adapters.sqlite;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Readings in one SQLite table keyed by (building, room, time). Times are stored as epoch
 * milliseconds, the precision of a {@link Reading}, so comparisons are exact integer comparisons.
 */
public final class SqliteReadingStore implements ReadingStore {
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

  private static <T> T guarded(String action, Supplier<T> work) {
    try {
      return work.get();
    } catch (JdbiException e) {
      throw new StorageUnavailableException(
          "SQLite could not " + action + ": " + e.getMessage(), e);
    }
  }
}
