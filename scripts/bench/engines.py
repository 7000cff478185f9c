"""The three storage engines as scripts/bench needs them: a clean store for the service, the loaded
data, the raw engine's own figures for the same work, and what the store holds afterwards."""

import json
import os
import sqlite3
import subprocess
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import influx
import tools

SCRIPTS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Rooms:
    """Rooms of the loaded data: room k (0-based) is building first_building + k // per_building,
    room 1 + k % per_building, with one reading a minute, per_room of them, the last at end_ms."""

    count: int
    per_building: int
    first_building: int
    per_room: int
    end_ms: int

    def lua_env(self):
        return {"BENCH_ROOMS": str(self.count), "BENCH_PER_BUILDING": str(self.per_building),
                "BENCH_FIRST_BUILDING": str(self.first_building)}


HOUR, DAY = 3_600_000, 86_400_000


def plan(from_ms, to_ms):
    """The bounds of [from_ms, to_ms] for the rollup statements, as the service plans them: readings
    up to the first whole hour h1 and from the last one h2, hourly rollups around the whole UTC days
    d1..d2, daily rollups for those. Without a whole hour everything is readings (h1 = h2 = to + 1)."""
    h1, h2 = -(-from_ms // HOUR) * HOUR, (to_ms + 1) // HOUR * HOUR
    if h1 >= h2:
        h1 = h2 = to_ms + 1
    d1 = min(h2, -(-h1 // DAY) * DAY)
    d2 = max(d1, h2 // DAY * DAY)
    return {"h1": h1, "d1": d1, "d2": d2, "h2": h2}


def answer(rows):
    """(count, sum, min, max) of (count, sum, min, max) rows, None min/max when empty."""
    rows = [row for row in rows if row and row[0]]
    if not rows:
        return (0, 0.0, None, None)
    return (sum(r[0] for r in rows), sum(r[1] for r in rows), min(r[2] for r in rows), max(r[3] for r in rows))


def timestamp(epoch_seconds):
    milliseconds = int(epoch_seconds * 1000) % 1000
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch_seconds)) + f".{milliseconds:03d}+00"


def temperature(key):
    """The value lua/common.lua gives key: the raw engines write what the API runs write."""
    return 15 + (key % 200) / 10


class Sqlite:
    name, label, config = "sqlite", "SQLite", "config.yml"

    def __init__(self, out, jar, services_env):
        self.file = out / "temperature.db"
        self.out = out
        self.classpath = f"{jar}{os.pathsep}{out.parent / 'classes'}"
        subprocess.run(["javac", "-d", str(out.parent / "classes"), "-cp", str(jar), str(SCRIPTS / "SqliteRaw.java")],
                       check=True)

    def _raw(self, *args):
        completed = subprocess.run(["java", "-cp", self.classpath, "SqliteRaw", *map(str, args)],
                                   check=True, capture_output=True, text=True)
        return json.loads(completed.stdout)

    def reset(self):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.file}{suffix}").unlink(missing_ok=True)

    cleanup = reset

    def server_env(self):
        return {"SQLITE_PATH": str(self.file)}

    def load(self, rooms):
        self._raw("load", self.file, rooms.count, rooms.per_building, rooms.first_building, rooms.per_room,
                  rooms.end_ms)

    def raw_single(self, building, rooms, base_ms, connections, seconds):
        result = self._raw("single", self.file, seconds, building, rooms, base_ms)
        return {"per_second": result["operations"] / result["seconds"], "what": "one-row commits, one thread"}

    def raw_bulk(self, building, rooms, base_ms, batch, connections, rows, seconds):
        result = self._raw("bulk", self.file, rows, batch, building, rooms, base_ms)
        return {"per_second": result["rows"] / result["seconds"],
                "what": f"{batch:,}-row transactions, one thread"}

    def raw_query(self, kind, rooms, window_ms, width_ms, connections, seconds, prefix):
        result = self._raw("query", self.file, kind, connections, seconds, rooms.count, rooms.per_building,
                           rooms.first_building, window_ms, width_ms or 0)
        return {"per_second": result["operations"] / result["seconds"], "latency_us": result["latency_us"],
                "what": f"the same SQL on the same driver, {connections} threads"}

    def _sql(self, sql, *parameters):
        with sqlite3.connect(self.file) as db:
            return db.execute(sql, parameters).fetchall()

    def stored(self, building):
        rows = self._sql("SELECT room_id, recorded_at, temperature FROM readings WHERE building_id = ?", building)
        return {(room, at): value for room, at, value in rows}

    def raw_hours(self, building, room, from_ms, to_ms):
        """Per hour of [from_ms, to_ms]: (count, sum, min, max) of the readings themselves."""
        rows = self._sql("SELECT recorded_at - recorded_at % 3600000, count(*), total(temperature), min(temperature),"
                         " max(temperature) FROM readings WHERE building_id = ? AND room_id = ? AND recorded_at"
                         " BETWEEN ? AND ? GROUP BY 1", building, room, from_ms, to_ms)
        return {hour: tuple(rest) for hour, *rest in rows}

    def count(self, building):
        return self._sql("SELECT count(*) FROM readings WHERE building_id = ?", building)[0][0]


class Timescale:
    name, label, config = "timescale", "PostgreSQL + TimescaleDB", "config-timescale.yml"

    def __init__(self, out, jar, services_env):
        self.out = out
        # The schema's owner: resetting drops and recreates the table, loading ends with VACUUM, both
        # beyond the serving role (POSTGRES_USER) that the service itself runs as.
        owner = "POSTGRES_MIGRATIONS_USER" if services_env.get("POSTGRES_MIGRATIONS_USER") else "POSTGRES_USER"
        password = "POSTGRES_MIGRATIONS_PASSWORD" if owner == "POSTGRES_MIGRATIONS_USER" else "POSTGRES_PASSWORD"
        self.database = {"host": services_env["POSTGRES_HOST"], "port": services_env["POSTGRES_PORT"],
                         "user": services_env[owner], "password": services_env[password],
                         "name": services_env["POSTGRES_DB"]}

    def psql(self, *args, stdin=None):
        db = self.database
        command = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", db["host"], "-p", db["port"],
                   "-U", db["user"], "-d", db["name"], *args]
        env = dict(os.environ, PGPASSWORD=db["password"])
        completed = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True)
        if completed.returncode != 0:
            raise RuntimeError(f"psql failed: {completed.stderr.strip()}")
        return completed.stdout

    def reset(self):
        # The service migrates an empty database at start-up (Flyway, then the hypertable).
        # TimescaleDB drops a hypertable only on its own.
        self.psql("-c", "SET client_min_messages = warning", "-c", "DROP TABLE IF EXISTS readings CASCADE",
                  "-c", "DROP TABLE IF EXISTS rollups_hourly, rollups_daily",
                  "-c", "DROP TABLE IF EXISTS flyway_schema_history")

    cleanup = reset

    def server_env(self):
        return {}

    def load(self, rooms):
        step = max(1, 1_000_000 // rooms.per_room)  # about a million rows per statement
        for first in range(0, rooms.count, step):
            self.psql("-c", f"""
                INSERT INTO readings (building_id, room_id, recorded_at, temperature)
                SELECT ({rooms.first_building} + k / {rooms.per_building})::text,
                       (1 + k % {rooms.per_building})::text,
                       to_timestamp({rooms.end_ms} / 1000.0) - i * interval '1 minute',
                       15 + (i % 200) / 10.0
                FROM generate_series({first}, {min(rooms.count, first + step) - 1}) AS k,
                     generate_series(0, {rooms.per_room - 1}) AS i""")
        # What autovacuum would have done by now on a live system: statistics and the visibility map.
        self.psql("-c", "VACUUM ANALYZE readings")

    def raw_single(self, building, rooms, base_ms, connections, seconds):
        result = tools.pgbench(self.database, SCRIPTS / "sql" / "upsert.sql", connections, seconds,
                               {"building": building, "rooms": rooms}, self.out / f"pgbench-{building}")
        return dict(result, what=f"pgbench -c {connections}, the same upsert")

    def raw_bulk(self, building, rooms, base_ms, batch, connections, rows, seconds):
        streams = [[] for _ in range(connections)]
        seconds_text = {}
        for first in range(0, rows, batch):
            block = ["COPY readings (building_id, room_id, recorded_at, temperature) FROM STDIN WITH (FORMAT csv);"]
            for key in range(first, min(rows, first + batch)):
                at = base_ms + key
                second = at // 1000
                if second not in seconds_text:
                    seconds_text[second] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(second))
                block.append(f"{building},{1 + key % rooms},{seconds_text[second]}.{at % 1000:03d}+00,"
                             f"{temperature(key):.1f}")
            block.append("\\.")
            streams[(first // batch) % connections].append("\n".join(block))
        started = time.monotonic()
        threads = [threading.Thread(target=self.psql, kwargs={"stdin": "\n".join(stream) + "\n"})
                   for stream in streams if stream]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        if self.count(building) != rows:
            raise RuntimeError(f"COPY stored {self.count(building)} of {rows} rows")
        return {"per_second": rows / elapsed, "what": f"COPY of {batch:,} rows, {len(threads)} sessions"}

    def raw_query(self, kind, rooms, window_ms, width_ms, connections, seconds, prefix):
        # Bound values like the adapter's, not now() - interval, which TimescaleDB cannot use to
        # leave chunks out at planning time.
        to = time.time()
        variables = {"rooms": rooms.count, "per_building": rooms.per_building,
                     "first_building": rooms.first_building, "from": timestamp(to - window_ms / 1000),
                     "to": timestamp(to)}
        if kind == "buckets":
            variables["width"] = f"{width_ms} milliseconds"
        if kind.startswith("rollup"):
            to_ms = int(to * 1000)
            variables.update({name: timestamp(ms / 1000)
                              for name, ms in plan(to_ms - window_ms, to_ms).items()})
            variables["from"], variables["to"] = timestamp((to_ms - window_ms) / 1000), timestamp(to_ms / 1000)
        result = tools.pgbench(self.database, SCRIPTS / "sql" / f"{kind}.sql", connections, seconds, variables,
                               self.out / f"pgbench-{prefix}")
        what = "the same SQL" if not kind.startswith("rollup") else "SQL on the rollup tables and the edges' readings"
        return dict(result, what=f"pgbench -c {connections}, {what}")

    def raw_hours(self, building, room, from_ms, to_ms):
        out = self.psql("-F", ",", "-v", f"building={building}", "-v", f"room={room}", "-v", f"from={from_ms}",
                        "-v", f"to={to_ms}", stdin="""
            SELECT (extract(epoch FROM date_bin(INTERVAL '3600 seconds', recorded_at,
                                                TIMESTAMPTZ '1970-01-01 00:00:00+00')) * 1000)::bigint,
                   count(*), sum(temperature), min(temperature), max(temperature)
            FROM readings WHERE building_id = :'building' AND room_id = :'room'
              AND recorded_at BETWEEN to_timestamp(:from / 1000.0) AND to_timestamp(:to / 1000.0)
            GROUP BY 1""")
        hours = {}
        for line in out.splitlines():
            hour, n, total, low, high = line.split(",")
            hours[int(hour)] = (int(n), float(total), float(low), float(high))
        return hours

    def stored(self, building):
        out = self.psql("-F", ",", "-v", f"building={building}", stdin="""
            SELECT room_id, (extract(epoch FROM recorded_at) * 1000)::bigint, temperature
            FROM readings WHERE building_id = :'building'""")
        rows = (line.split(",") for line in out.splitlines())
        return {(room, int(at)): float(value) for room, at, value in rows}

    def count(self, building):
        return int(self.psql("-v", f"building={building}",
                             stdin="SELECT count(*) FROM readings WHERE building_id = :'building'"))


class Influx:
    name, label, config = "influx", "InfluxDB 2.7", "config-influx.yml"
    bucket = "bench"

    def __init__(self, out, jar, services_env):
        self.out = out
        self.url = services_env["INFLUX_URL"]
        # The operator's token makes the bench's bucket and a token for it alone, which the service
        # and the raw engine then use, as production's service does (INFLUX_TOKEN reaches only the
        # tests' bucket).
        self.admin = influx.Influx(self.url, services_env.get("INFLUX_OPERATOR_TOKEN") or services_env["INFLUX_TOKEN"])
        self.token = self.admin.token
        self.org = services_env["INFLUX_ORG"]
        self.lua_env = {"INFLUX_TOKEN": self.token, "INFLUX_ORG": self.org, "INFLUX_BUCKET": self.bucket}

    def cleanup(self):
        # The rollups' bucket too, which the service made beside the readings' one.
        for name in (self.bucket, self.bucket + "_rollups"):
            for bucket_id in self.admin.bucket_ids(self.org, name):
                self.admin.call("DELETE", f"/api/v2/buckets/{bucket_id}")

    def reset(self):
        # Buckets of its own, so the tests' bucket is never touched (InfluxQL finds it by name), and
        # the rollups' one as the set-up makes it (scripts/lib/influx.py): a token scoped to buckets
        # may not make one, so the service would find none.
        self.cleanup()
        self.token = self.admin.scoped_token(self.org, (self.bucket, self.bucket + "_rollups"),
                                             f"temperature-api bench: read and write {self.bucket} and its rollups")
        self.lua_env["INFLUX_TOKEN"] = self.token

    def server_env(self):
        return {"INFLUX_BUCKET": self.bucket, "INFLUX_TOKEN": self.token}

    def write(self, lines):
        query = urllib.parse.urlencode({"org": self.org, "bucket": self.bucket, "precision": "ms"})
        self.admin.call("POST", f"/api/v2/write?{query}", "\n".join(lines), "text/plain; charset=utf-8")

    def load(self, rooms):
        lines = []
        for k in range(rooms.count):
            building, room = rooms.first_building + k // rooms.per_building, 1 + k % rooms.per_building
            for i in range(rooms.per_room - 1, -1, -1):
                lines.append(f"temperature,building_id={building},room_id={room} "
                             f"temperature={15 + (i % 200) / 10:.1f} {rooms.end_ms - i * 60_000}")
                if len(lines) == 5_000:
                    self.write(lines)
                    lines = []
        if lines:
            self.write(lines)

    def _wrk_write(self, building, rooms, base_ms, batch, connections, seconds, summary):
        env = dict(self.lua_env, BENCH_BUILDING=building, BENCH_ROOMS=str(rooms), BENCH_BASE_MS=str(base_ms),
                   BENCH_BATCH=str(batch))
        return tools.wrk(self.url, "influx-write.lua", connections, seconds, env, summary)

    def raw_single(self, building, rooms, base_ms, connections, seconds):
        result = self._wrk_write(building, rooms, base_ms, 1, connections, seconds,
                                 self.out / f"wrk-{building}.json")
        return dict(result, what=f"single-point writes, wrk -c {connections}")

    def raw_bulk(self, building, rooms, base_ms, batch, connections, rows, seconds):
        result = self._wrk_write(building, rooms, base_ms, batch, connections, seconds,
                                 self.out / f"wrk-{building}.json")
        return dict(result, per_second=result["per_second"] * batch,
                    what=f"{batch:,}-line writes, wrk -c {connections}")

    def raw_query(self, kind, rooms, window_ms, width_ms, connections, seconds, prefix):
        env = dict(self.lua_env, **rooms.lua_env(), BENCH_WINDOW_MS=str(window_ms))
        if kind.endswith("buckets"):
            env["BENCH_INTERVAL_MS"] = str(width_ms)
        script, what = "influx-query.lua", "InfluxQL over /query"
        if kind.startswith("rollup"):
            env["BENCH_ROLLUP_DB"] = self.bucket + "_rollups"
            script, what = "influx-rollup-query.lua", "InfluxQL on the rollup bucket and the edges' readings"
        result = tools.wrk(self.url, script, connections, seconds, env, self.out / f"wrk-{prefix}.json")
        return dict(result, what=f"{what}, wrk -c {connections}")

    def raw_hours(self, building, room, from_ms, to_ms):
        statement = ('SELECT count("temperature") AS n, sum("temperature") AS total, min("temperature") AS low,'
                     f' max("temperature") AS high FROM "temperature" WHERE "building_id" = \'{building}\''
                     f' AND "room_id" = \'{room}\' AND time >= {from_ms}ms AND time <= {to_ms}ms'
                     ' GROUP BY time(1h) fill(none)')
        return {at: (n, total, low, high) for series in self.admin.influxql(self.bucket, statement)
                for at, n, total, low, high in series["values"]}

    def _select(self, building, what):
        return self.admin.influxql(self.bucket, f"SELECT {what} FROM \"temperature\" WHERE \"building_id\" = "
                                   f"'{building}' AND time >= '1900-01-01T00:00:00Z' AND time <= "
                                   "'2200-01-01T00:00:00Z' GROUP BY \"room_id\"")

    def stored(self, building):
        return {(series["tags"]["room_id"], at): value
                for series in self._select(building, '"temperature"') for at, value in series["values"]}

    def count(self, building):
        return sum(series["values"][0][1] for series in self._select(building, 'count("temperature")'))


ENGINES = {engine.name: engine for engine in (Sqlite, Timescale, Influx)}
