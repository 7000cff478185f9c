package dev.temperature.adapters.jdbc;

/** The statements that read the same on every engine; {@link SqlDialect} has the others. */
final class ReadingSql {
  private ReadingSql() {}

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

  static final String ROOMS =
      """
      WITH RECURSIVE room(id) AS (
        SELECT (SELECT room_id FROM readings WHERE building_id = :building
                ORDER BY room_id LIMIT 1)
        UNION ALL
        SELECT (SELECT room_id FROM readings WHERE building_id = :building AND room_id > room.id
                ORDER BY room_id LIMIT 1)
        FROM room WHERE room.id IS NOT NULL
      )
      SELECT id FROM room WHERE id IS NOT NULL
      """;
}
