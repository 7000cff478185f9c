-- pgbench: the window of aggregate.sql answered as a DBA would by hand from the rollup tables
-- beside the readings: the readings of the edges up to the first and from the last whole hour
-- (:from..:h1, :h2..:to), hourly rollups around the whole UTC days (:h1..:d1, :d2..:h2), daily
-- rollups for those (:d1..:d2). The bounds are computed once per run, as the window's ends are.
\set k random(0, :rooms - 1)
\set building :first_building + :k / :per_building
\set room 1 + :k % :per_building
SELECT sum(n) AS n, coalesce(sum(total), 0) AS total, min(lowest) AS lowest,
       max(highest) AS highest
FROM (
  SELECT count(*) AS n, sum(temperature) AS total, min(temperature) AS lowest,
         max(temperature) AS highest
  FROM readings
  WHERE building_id = :building AND room_id = :room
    AND ((recorded_at >= :from AND recorded_at < :h1) OR (recorded_at >= :h2 AND recorded_at <= :to))
  UNION ALL
  SELECT sum(n), sum(total), min(lowest), max(highest)
  FROM rollups_hourly
  WHERE building_id = :building AND room_id = :room
    AND ((hour_start >= :h1 AND hour_start < :d1) OR (hour_start >= :d2 AND hour_start < :h2))
  UNION ALL
  SELECT sum(n), sum(total), min(lowest), max(highest)
  FROM rollups_daily
  WHERE building_id = :building AND room_id = :room AND day_start >= :d1 AND day_start < :d2
) parts;
