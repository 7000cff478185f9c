-- pgbench: the hourly series of buckets.sql answered from the hourly rollups for its whole hours
-- (:h1..:h2) and from the readings at its edges, as a DBA would by hand (see rollup-aggregate.sql).
\set k random(0, :rooms - 1)
\set building :first_building + :k / :per_building
\set room 1 + :k % :per_building
SELECT hour_start AS bucket_start, n, total, lowest, highest
FROM rollups_hourly
WHERE building_id = :building AND room_id = :room AND hour_start >= :h1 AND hour_start < :h2
UNION ALL
SELECT date_bin(INTERVAL '3600 seconds', recorded_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
       count(*), sum(temperature), min(temperature), max(temperature)
FROM readings
WHERE building_id = :building AND room_id = :room
  AND ((recorded_at >= :from AND recorded_at < :h1) OR (recorded_at >= :h2 AND recorded_at <= :to))
GROUP BY 1
ORDER BY 1;
