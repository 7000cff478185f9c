-- pgbench: the adapter's AGGREGATE (TimescaleReadingStore; average and stats) from :from to :to,
-- bound as the adapter binds them, for a random room of the loaded data: building
-- :first_building + k / :per_building, room 1 + k % :per_building, k below :rooms.
\set k random(0, :rooms - 1)
\set building :first_building + :k / :per_building
\set room 1 + :k % :per_building
SELECT count(*) AS n, coalesce(sum(temperature), 0) AS total,
       min(temperature) AS lowest, max(temperature) AS highest
FROM readings
WHERE building_id = :building AND room_id = :room
  AND recorded_at BETWEEN :from AND :to;
