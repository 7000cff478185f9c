-- One row per reading. A reading is identified by (building_id, room_id, recorded_at); the unique
-- index is both that key (for INSERT ... ON CONFLICT, last write wins) and the index for the one
-- query shape we serve: one room, a time range, newest first. It includes recorded_at, the
-- partitioning column, as TimescaleDB requires of unique indexes on a hypertable.
-- Whether the table becomes a hypertable is decided at start-up (TimescaleSchema), because it
-- depends on what the server offers, not on the schema version.
CREATE TABLE readings (
    building_id text             NOT NULL,
    room_id     text             NOT NULL,
    recorded_at timestamptz      NOT NULL,
    temperature double precision NOT NULL
);

CREATE UNIQUE INDEX readings_room_time ON readings (building_id, room_id, recorded_at DESC);
