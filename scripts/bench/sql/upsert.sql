-- pgbench: the adapter's UPSERT (TimescaleReadingStore), one reading per transaction, in building
-- :building, a random one of :rooms rooms, at the current millisecond.
\set room random(1, :rooms)
INSERT INTO readings (building_id, room_id, recorded_at, temperature)
VALUES (:building, :room, date_trunc('milliseconds', clock_timestamp()), random() * 30)
ON CONFLICT (building_id, room_id, recorded_at) DO UPDATE SET temperature = excluded.temperature;
