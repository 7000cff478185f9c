package dev.temperature.adapters.jdbc;

import dev.temperature.domain.Reading;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The statements that read the same on every engine; {@link SqlDialect} has the others. */
final class ReadingSql {
  private ReadingSql() {}

  /** Readings that are all new: fails on a key that is taken. */
  static final String INSERT =
      """
      INSERT INTO readings (building_id, room_id, recorded_at, temperature)
      VALUES (:building, :room, :recordedAt, :temperature)
      """;

  /** {@link #INSERT} or {@link #UPSERT} for every reading, in one round trip. */
  static void batch(Handle handle, String sql, List<Reading> readings, SqlDialect dialect) {
    PreparedBatch statement = handle.prepareBatch(sql);
    for (Reading reading : readings) {
      statement
          .bind("building", reading.building().value())
          .bind("room", reading.room().value())
          .bind("recordedAt", dialect.instant(reading.recordedAt()))
          .bind("temperature", reading.temperature().celsius())
          .add();
    }
    statement.execute();
  }

  private static final String INSERT_POSITIONAL =
      "INSERT INTO readings (building_id, room_id, recorded_at, temperature) VALUES (?, ?, ?, ?)";

  /**
   * {@link #INSERT} for every reading, in one round trip, on the JDBC statement itself: on the path
   * every new reading takes, JDBI's binding by name cost as much as SQLite's own insert (measured
   * on 5,000-reading batches), and the rollups this path now also writes were paid from it.
   */
  static void insertBatch(Handle handle, List<Reading> readings, SqlDialect dialect) {
    try (PreparedStatement statement = handle.getConnection().prepareStatement(INSERT_POSITIONAL)) {
      for (Reading reading : readings) {
        statement.setString(1, reading.building().value());
        statement.setString(2, reading.room().value());
        dialect.instant(reading.recordedAt()).apply(3, statement, null);
        statement.setDouble(4, reading.temperature().celsius());
        statement.addBatch();
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          "INSERT into readings failed: " + e.getMessage(), e, null);
    }
  }

  static final String UPSERT =
      """
      INSERT INTO readings (building_id, room_id, recorded_at, temperature)
      VALUES (:building, :room, :recordedAt, :temperature)
      ON CONFLICT (building_id, room_id, recorded_at) DO UPDATE SET temperature = excluded.temperature
      """;

  // coalesce: sum() of no rows is NULL, and an empty aggregate has a sum of 0.
  static final String AGGREGATE =
      """
      SELECT count(*) AS n, coalesce(sum(temperature), 0) AS total,
             min(temperature) AS lowest, max(temperature) AS highest
      FROM readings
      WHERE building_id = :building AND room_id = :room
        AND recorded_at BETWEEN :from AND :to
      """;

  static final String NEWEST_FIRST =
      """
      SELECT recorded_at, temperature
      FROM readings
      WHERE building_id = :building AND room_id = :room
        AND recorded_at BETWEEN :from AND :to
      ORDER BY recorded_at DESC
      LIMIT :limit
      """;

  // SELECT DISTINCT would read every reading. These loose index scans jump through the
  // (building_id, room_id, recorded_at) key, one lookup per building or room, in the index's own
  // collation so that each lookup can use it. The short result is sorted by the caller in code
  // point order, the order the port promises, whatever the database's default collation is.
  static final String BUILDINGS =
      """
      WITH RECURSIVE building(id) AS (
        SELECT (SELECT building_id FROM readings ORDER BY building_id LIMIT 1)
        UNION ALL
        SELECT (SELECT building_id FROM readings WHERE building_id > building.id
                ORDER BY building_id LIMIT 1)
        FROM building WHERE building.id IS NOT NULL
      )
      SELECT id FROM building WHERE id IS NOT NULL
      """;

  // The rooms of :building, one index lookup each (see BUILDINGS).
  private static final String ROOM_WALK =
      """
      WITH RECURSIVE room(id) AS (
        SELECT (SELECT room_id FROM readings WHERE building_id = :building
                ORDER BY room_id LIMIT 1)
        UNION ALL
        SELECT (SELECT room_id FROM readings WHERE building_id = :building AND room_id > room.id
                ORDER BY room_id LIMIT 1)
        FROM room WHERE room.id IS NOT NULL
      )
      """;

  static final String ROOMS = ROOM_WALK + "SELECT id FROM room WHERE id IS NOT NULL\n";

  /** The recursive walk through the rooms of {@code :building}, a CTE named {@code room}. */
  static String roomWalk() {
    return ROOM_WALK;
  }

  /** {@link #BUILDINGS} of another table keyed by (building_id, room_id, ...): a rollup table. */
  static String buildingsOf(String table) {
    return BUILDINGS.replace("FROM readings", "FROM " + table);
  }

  /** {@link #ROOMS} of another table keyed by (building_id, room_id, ...). */
  static String roomsOf(String table) {
    return ROOMS.replace("FROM readings", "FROM " + table);
  }

  /**
   * One page of a building's overview in one statement: the rooms after {@code :after}, at most
   * {@code :limit}, each with its newest reading ({@code latest_at, latest_temperature}) and the
   * aggregate of {@code [:from, :to]} ({@code n, total, lowest, highest}). {@code %1$s} is the
   * collation in which ids compare by code point, so that every engine pages the same way; the walk
   * itself stays in the index's collation, so that each of its lookups can use the index.
   * Everything else is per room of the page: the newest reading is the first entry of the room's
   * key range read backwards (a join on max(recorded_at) let PostgreSQL hash-join every reading of
   * the building instead), and the window is a range of the same key.
   */
  static String overview(String codePointCollation) {
    return ROOM_WALK
        + """
        , page(id) AS (
          SELECT id FROM room
          WHERE id IS NOT NULL AND id COLLATE %1$s > :after
          ORDER BY id COLLATE %1$s
          LIMIT :limit
        )
        SELECT page.id AS room_id,
               (SELECT recorded_at FROM readings WHERE building_id = :building AND room_id = page.id
                ORDER BY recorded_at DESC LIMIT 1) AS latest_at,
               (SELECT temperature FROM readings WHERE building_id = :building AND room_id = page.id
                ORDER BY recorded_at DESC LIMIT 1) AS latest_temperature,
               count(recent.temperature) AS n, coalesce(sum(recent.temperature), 0) AS total,
               min(recent.temperature) AS lowest, max(recent.temperature) AS highest
        FROM page
        LEFT JOIN readings recent
          ON recent.building_id = :building AND recent.room_id = page.id
         AND recent.recorded_at BETWEEN :from AND :to
        GROUP BY page.id
        ORDER BY page.id COLLATE %1$s
        """
            .formatted(codePointCollation);
  }
}
