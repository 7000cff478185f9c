-- pgbench: the adapter's BUCKETS with TimescaleDB's time_bucket (TimescaleReadingStore; series),
-- :width wide, from :from to :to, bound as the adapter binds them, for a random room of the
-- loaded data (see aggregate.sql).
\set k random(0, :rooms - 1)
\set building :first_building + :k / :per_building
\set room 1 + :k % :per_building
SELECT time_bucket(CAST(:width AS interval), recorded_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')
         AS bucket_start,
       count(*) AS n, sum(temperature) AS total,
       min(temperature) AS lowest, max(temperature) AS highest
FROM readings
WHERE building_id = :building AND room_id = :room
  AND recorded_at BETWEEN :from AND :to
GROUP BY bucket_start
ORDER BY bucket_start;
