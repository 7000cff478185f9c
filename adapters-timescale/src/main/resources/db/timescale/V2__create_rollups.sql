-- Hourly and daily rollups: per room and UTC hour or day, the count, sum, lowest and highest
-- temperature of its readings. The service keeps them in the transaction of every write (new
-- readings are added, an hour with a replaced reading is recomputed), and long windows are read
-- from them. They are plain tables, not hypertables: one row per room and hour is small, and they
-- outlive the readings they summarise when the readings' retention removes raw chunks.
-- Filled here from the readings already stored.
CREATE TABLE rollups_hourly (
    building_id text             NOT NULL,
    room_id     text             NOT NULL,
    hour_start  timestamptz      NOT NULL,
    n           bigint           NOT NULL,
    total       double precision NOT NULL,
    lowest      double precision NOT NULL,
    highest     double precision NOT NULL,
    PRIMARY KEY (building_id, room_id, hour_start)
);

CREATE TABLE rollups_daily (
    building_id text             NOT NULL,
    room_id     text             NOT NULL,
    day_start   timestamptz      NOT NULL,
    n           bigint           NOT NULL,
    total       double precision NOT NULL,
    lowest      double precision NOT NULL,
    highest     double precision NOT NULL,
    PRIMARY KEY (building_id, room_id, day_start)
);

-- date_bin with a UTC origin and a stride in seconds: hours and days of absolute time, whatever the
-- session's time zone.
INSERT INTO rollups_hourly
SELECT building_id, room_id,
       date_bin(INTERVAL '3600 seconds', recorded_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
       count(*), sum(temperature), min(temperature), max(temperature)
FROM readings
GROUP BY 1, 2, 3;

INSERT INTO rollups_daily
SELECT building_id, room_id,
       date_bin(INTERVAL '86400 seconds', hour_start, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
       sum(n), sum(total), min(lowest), max(highest)
FROM rollups_hourly
GROUP BY 1, 2, 3;
