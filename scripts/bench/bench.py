#!/usr/bin/env python3
"""`make bench`: the service against its raw storage engines, in the same run on the same machine.

For each storage it starts the service's jar (-Xmx256m, free ports) on a clean store, loads the
data straight into the engine, then runs each piece of work twice, through the API with wrk and the
Lua scripts in lua/, and against the raw engine (pgbench with the adapter's SQL, line protocol and
InfluxQL sent straight to InfluxDB, SqliteRaw.java for SQLite), and reports both and their ratio.
Line-protocol ingest (POST /api/v2/write) is measured beside the JSON batch and the engine's bulk
path, in the same run.
After every POST run it checks that every acknowledged reading is in the store. The data is loaded
behind the service's back, so the service's rebuild task then computes its hourly and daily rollups
from it. Long windows (SCALE=1, and the smoke) are measured through the API, against the raw engine
reading every reading, and against the raw engine reading the rollup tables and the edges' readings;
a sample of long-window answers is checked equal to what the readings themselves say. The report
(markdown and JSON) goes to OUT; the tables also replace the ones in docs/performance.md.

Settings, from the environment (make bench VAR=value):
  STORAGES           sqlite,timescale,influx
  ROOMS, READINGS    1000 rooms (100 a building), 1000000 readings, one a minute up to now
  SCALE=1            the scale test instead: 10000 rooms, 10000000 readings, plus a room with a
                     reading a minute for 366 days; p50/p99 of GET average against the raw query's
  DURATION, WARMUP   12 s per measured run, 5 s of warm-up before each API run; before the first
                     run the server is warmed in turns of WARMUP s of reads and writes until two
                     successive turns agree within 5% (at most WARMUP_TURNS turns, 24)
  REPEAT             3: every figure is the median of REPEAT runs, the others reported beside it;
                     each run also reports the CPU the load generator (wrk, pgbench) and the server used
  CONNECTIONS        64,16 for single POSTs and GETs; BATCH_CONNECTIONS 4, SCALE_CONNECTIONS 4
  BATCH              5000 readings per batch request; RAW_BULK_ROWS 1000000 rows for the raw bulk
  CONSTANT_PATH      /docs: the constant-answer JAX-RS resource SQLite's reads are compared with
  PROFILE=1          only the single-POST and GET-average runs, with async-profiler flame graphs
  PROFILE=line-protocol  only the line-protocol batch run (POST /api/v2/write), with a CPU flame graph
                     (PROFILE_EVENT=wall: wall-clock, which shows where the group-commit writer waits)
  ONLY=ingest        only the ingest rows: single POSTs, the JSON batch and line protocol, beside the
                     raw engine's (no reads, no long windows, no alerting; docs/performance.md untouched)
  BASELINE=<commit>  the ingest rows also through that commit's jar, right after the current jar's, on a
                     fresh store of each storage with the same data, against the same raw figures; the
                     jar is built once in a git worktree under ~/.cache/temperature-api/bench-baseline/
  RULES              100 alert rules for the alerting rows (scripts/bench/alerting.py); 10 in the smoke
  ROWS=alerting      only the alerting rows (after the load and the warm-up), their table in docs/performance.md
                     between the bench:alerting markers; the rules evaluate every second;
                     with PROFILE_ALERTING=1 the alerting server's CPU is profiled while it evaluates
  SMOKE=1            tiny data and 1 s runs of every case, a self-test of the check; for make test
  OUT                target/bench/<throughput|scale|smoke>
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))

import alerting
import engines
import report
import tools
from common import epoch_ms, get_json, iso
from engines import Rooms

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "bootstrap" / "target" / "temperature-api.jar"
MINUTE, HOUR, DAY = 60_000, 3_600_000, 86_400_000

DEFAULTS = {"STORAGES": "sqlite,timescale,influx", "ROOMS": 1000, "READINGS": 1_000_000, "DURATION": 12,
            "WARMUP": 5, "CONNECTIONS": "64,16", "BATCH": 5000, "BATCH_CONNECTIONS": 4,
            "RAW_BULK_ROWS": 1_000_000, "SCALE_CONNECTIONS": 4, "YEAR_READINGS": 366 * 1440,
            "CONSTANT_PATH": "/docs", "RULES": 100, "REPEAT": 3, "WARMUP_TURNS": 24, "ROWS": "all",
            "ONLY": "", "BASELINE": ""}
SCALE = {"ROOMS": 10_000, "READINGS": 10_000_000}
SMOKE = {"STORAGES": "sqlite", "ROOMS": 10, "READINGS": 600, "DURATION": 1, "WARMUP": 0, "CONNECTIONS": "4",
         "BATCH": 50, "BATCH_CONNECTIONS": 2, "RAW_BULK_ROWS": 500, "SCALE_CONNECTIONS": 2,
         "YEAR_READINGS": 2000, "RULES": 10, "REPEAT": 1}


def settings():
    mode = "smoke" if os.environ.get("SMOKE") == "1" else "scale" if os.environ.get("SCALE") == "1" else "throughput"
    chosen = dict(DEFAULTS, **(SCALE if mode == "scale" else SMOKE if mode == "smoke" else {}))
    for name, default in chosen.items():
        value = os.environ.get(name, str(default))
        chosen[name] = int(value) if isinstance(default, int) else value
    chosen["CONNECTIONS"] = [int(c) for c in str(chosen["CONNECTIONS"]).split(",")]
    chosen["STORAGES"] = chosen["STORAGES"].split(",")
    return mode, chosen


def now_ms():
    return int(time.time() * 1000)


class Bench:
    def __init__(self, mode, s, out):
        self.mode, self.s, self.out = mode, s, out
        self.profile = os.environ.get("PROFILE") in ("1", "line-protocol")
        self.profile_line_protocol = os.environ.get("PROFILE") == "line-protocol"
        self.line_protocol_event = os.environ.get("PROFILE_EVENT", "cpu") if self.profile_line_protocol else None
        self.profiler = tools.Profiler(out.parent / "tools") if self.profile else None
        self.ingest_only = s["ONLY"] == "ingest"
        if s["ONLY"] not in ("", "ingest"):
            sys.exit(f"ONLY={s['ONLY']}: only ONLY=ingest is known")
        self.baseline = tools.baseline(ROOT, s["BASELINE"]) if s["BASELINE"] else None
        self.results = {"mode": mode, "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                        "settings": {k: v for k, v in s.items()}, "machine": machine(), "storages": {},
                        "profiles": [], "failures": []}

    def fail(self, message):
        print(f"[bench] FAILED: {message}", file=sys.stderr)
        self.results["failures"].append(message)

    def log(self, message):
        print(f"[bench] {time.strftime('%H:%M:%S')} load {tools.load_average()[0]:.2f}: {message}", file=sys.stderr)

    # --- one storage -------------------------------------------------------------------------------

    def storage(self, engine_class, services_env):
        entry = self.results["storages"].setdefault(engine_class.name, {"label": engine_class.label, "rows": [],
                                                                        "scale": []})
        self.raw_runs = {}
        self.one_jar(engine_class, services_env, JAR, ROOT, self.out / engine_class.name, entry, self.ingest_only)
        if self.baseline:
            commit, jar, configs = self.baseline
            baseline = entry["baseline"] = {"commit": commit, "label": engine_class.label, "rows": [], "scale": []}
            self.log(f"{engine_class.label}: the ingest rows through the jar of {commit[:12]}")
            self.one_jar(engine_class, services_env, jar, configs, self.out / f"{engine_class.name}-baseline",
                         baseline, True)

    def one_jar(self, engine_class, services_env, jar, configs, out, entry, ingest_only):
        """The runs of one jar on a fresh store; configs is the directory of its configuration files."""
        s = self.s
        out.mkdir(parents=True)
        engine = engine_class(out, JAR, services_env)
        engine.reset()
        env = {**os.environ, **services_env, **engine.server_env()}
        options = ["-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"] if self.profile else []
        server = tools.Server(jar, configs / engine.config, env, out / "server.log", options)
        try:
            per_building = min(100, s["ROOMS"])
            self.rooms = Rooms(s["ROOMS"], per_building, 1, s["READINGS"] // s["ROOMS"], now_ms())
            self.year = Rooms(1, 1, 0, s["YEAR_READINGS"], self.rooms.end_ms)
            self.log(f"{engine.label}: loading {s['READINGS']:,} readings in {s['ROOMS']:,} rooms")
            engine.load(self.rooms)
            if self.mode != "throughput":
                engine.load(self.year)
            if jar == JAR:  # an older jar may have no rollups to rebuild
                self.rebuild_rollups(server)
            self.sanity(server)
            self.engine, self.server, self.entry, self.store_out = engine, server, entry, out
            self.jar, self.config = jar, configs / engine.config
            self.warm_up()
            every_row = s["ROWS"] != "alerting"
            if self.mode != "scale" and every_row:
                self.throughput(ingest_only)
            if self.mode != "throughput" and every_row and not ingest_only:
                self.scale()
            if not self.profile and not ingest_only:
                alerting.run(self, engine, env, out, self.rooms)
            if self.mode == "smoke":
                self.self_test()
            peak_rss = round(server.rss_kib()["VmHWM"] / 1024, 1)
            entry["memory"] = dict(server.memory.peak(overall=True), peak_rss_mib=peak_rss)
        finally:
            server.stop()
            engine.cleanup()

    def rebuild_rollups(self, server):
        """The loaded data went straight into the engine: the service's admin task rolls it up."""
        started = time.monotonic()
        said = server.task("rebuild-rollups", timeout=3600)
        self.log(f"rollups rebuilt in {time.monotonic() - started:.1f} s: {said}")

    def sanity(self, server):
        """The loaded data must be what the API sees, or every figure would be about empty windows."""
        for rooms, duration in ((self.rooms, "15m"), (self.year, "366d")):
            if rooms is self.year and self.mode == "throughput":
                continue
            building, room = rooms.first_building, 1
            url = server.url(f"/api/v1/buildings/{building}/rooms/{room}/temperatures/average?duration={duration}")
            if get_json(url)["count"] == 0:
                raise RuntimeError(f"the API sees no reading of the loaded data: {url}")

    # --- the runs ----------------------------------------------------------------------------------

    def warm_up(self):
        """Reads and writes in turns of WARMUP s until two successive turns agree within 5% on both
        (at most WARMUP_TURNS turns): a cold JVM on a busy machine takes minutes to compile the request
        path, and the first runs would measure the compiler. How long it took is reported."""
        if not self.s["WARMUP"]:
            return
        reads = dict(self.rooms.lua_env(), BENCH_PATH=self.get_path("average?duration=15m"))
        writes = {"BENCH_BUILDING": "warmup", "BENCH_ROOMS": str(self.rooms.count),
                  "BENCH_BASE_MS": str(now_ms() - 3 * HOUR), "BENCH_ACKED": str(self.store_out / "warmup")}
        started, turns, settled = time.monotonic(), [], False
        while len(turns) < self.s["WARMUP_TURNS"] and not settled:
            turn = [tools.wrk(self.server.url(), script, 16, self.s["WARMUP"], env,
                              self.store_out / "warmup.json")["per_second"]
                    for script, env in (("get.lua", reads), ("post-reading.lua", writes))]
            settled = bool(turns) and all(agree(a, b) for a, b in zip(turns[-1], turn, strict=True))
            turns.append(turn)
        self.entry["warm_up"] = {"seconds": round(time.monotonic() - started), "turns": len(turns),
                                 "settled": settled, "reads_per_second": [round(t[0]) for t in turns],
                                 "writes_per_second": [round(t[1]) for t in turns]}
        self.log(f"{self.engine.label}: warm-up {'settled' if settled else 'did NOT settle'} after {len(turns)} "
                 f"turns ({self.entry['warm_up']['seconds']} s): reads {turns[-1][0]:,.0f} req/s, "
                 f"writes {turns[-1][1]:,.0f} req/s")

    def repeated(self, run, key="per_second"):
        """REPEAT runs of run(i); the median by key (throughput, or p99 latency), with every run's figure
        and CPU use kept beside it so that a reader can tell signal from noise."""
        results = [run(i) for i in range(self.s["REPEAT"])]
        figure = (lambda r: r["latency_us"]["p99"]) if key == "p99" else (lambda r: r["per_second"])
        ordered = sorted(results, key=figure)
        median = dict(ordered[len(ordered) // 2])
        median["runs"] = [round(figure(r), 1) for r in results]
        median["runs_of"] = key
        return median

    def api(self, script, connections, env, name, profile=None):
        if self.s["WARMUP"]:
            warm = dict(env, BENCH_BUILDING=f"warmup-{name}", BENCH_ACKED=str(self.store_out / "warmup"))
            tools.wrk(self.server.url(), script, connections, self.s["WARMUP"], warm, self.store_out / "warmup.json")
        self.server.memory.reset()
        load = tools.load_average()
        server_cpu = self.server.cpu_seconds()
        if profile:
            html = self.store_out / f"profile-{name}.html"
            self.profiler.start(self.server.pid, profile, html)
        result = tools.wrk(self.server.url(), script, connections, self.s["DURATION"], env,
                           self.store_out / f"wrk-{name}.json")
        if profile:
            collapsed = html.with_suffix(".collapsed")
            self.profiler.stop(self.server.pid, html, collapsed)
            self.results["profiles"].append({
                "storage": self.engine.label, "run": name, "event": profile, "html": os.path.relpath(html, ROOT),
                "summaries": [report.profile_summary(collapsed, requests_only=only)
                              for only in ([True] if profile == "wall" else [False, True])]})
        result["per_second"] = (result["requests"] - result["errors"]["status"]) / (result["duration_us"] / 1e6)
        result["server_cpu_percent"] = round(100 * (self.server.cpu_seconds() - server_cpu)
                                             / (result["duration_us"] / 1e6))
        result["memory"] = self.server.memory.peak()
        result["load_before"] = load
        return result

    def ran(self, work, api, raw):
        """Failed requests are reported beside the figures; in the smoke any failure is an error."""
        for side, result in (("API", api), ("raw", raw)):
            if self.mode == "smoke" and (result.get("failed") or not result["per_second"]):
                self.fail(f"{self.engine.label} {work}, {side}: {result.get('failed')} failed, "
                          f"{result['per_second']:.1f}/s")

    def row(self, work, api, raw, unit, **extra):
        self.ran(work, api, raw)
        row = dict(work=work, unit=unit, api=api, raw=raw, ratio=api["per_second"] / max(raw["per_second"], 1e-9),
                   **extra)
        self.entry["rows"].append(row)
        self.log(f"{self.engine.label}: {work}: API {api['per_second']:,.0f} {unit}, raw {raw['per_second']:,.0f}"
                 f" ({raw['what']}), {100 * row['ratio']:.0f}%")

    def get_path(self, query):
        return "/api/v1/buildings/{building}/rooms/{room}/temperatures/" + query

    def raw_once(self, work, run):
        """The raw engine's figure of a piece of work, measured once per storage: a baseline jar's rows
        are set against the same figure as the current jar's."""
        if work not in self.raw_runs:
            self.raw_runs[work] = run()
        return self.raw_runs[work]

    def throughput(self, ingest_only=False):
        if not self.profile_line_protocol:
            self.reads_and_single_posts(ingest_only)
        if self.profile and not self.profile_line_protocol:
            return
        self.batches()

    def reads_and_single_posts(self, ingest_only=False):
        s, engine = self.s, self.engine
        # Reads first, while the loaded data fills the 15-minute window.
        first = s["CONNECTIONS"][0]
        reads = [("GET average 15m", "average?duration=15m", "aggregate", 15 * MINUTE, None, c, c == first)
                 for c in s["CONNECTIONS"] if not ingest_only]
        if not self.profile and not ingest_only:  # a profiled run: only single POST and GET average
            reads += [("GET stats 15m", "stats?duration=15m", "aggregate", 15 * MINUTE, None,
                       s["CONNECTIONS"][0], False),
                      ("GET series 24h by 1h", "series?duration=24h&interval=1h", "buckets", DAY, HOUR,
                       s["CONNECTIONS"][0], False)]
        for work, query, kind, window, width, c, profiled in reads:
            name = f"{work.split()[1]}-c{c}"
            env = dict(self.rooms.lua_env(), BENCH_PATH=self.get_path(query))
            api = self.repeated(lambda i: self.api("get.lua", c, env, f"{name}-{i}",
                                                   "cpu" if self.profile and profiled and i == 0 else None))
            engine_query = self.repeated(lambda i: engine.raw_query(kind, self.rooms, window, width, c,
                                                                    s["DURATION"], f"{name}-{i}"))
            if engine.name == "sqlite":
                # The yardstick for SQLite reads: a constant answer of a JAX-RS resource in the
                # same server. /docs is one (a byte[] held in memory); the engine query is reported too.
                path = s["CONSTANT_PATH"]

                def constant_run(i):
                    run = tools.wrk(self.server.url(), "get.lua", c, s["DURATION"], dict(env, BENCH_PATH=path),
                                    self.store_out / f"wrk-constant-{name}-{i}.json")
                    run["per_second"] = (run["requests"] - run["failed"]) / (run["duration_us"] / 1e6)
                    return run

                constant = self.repeated(constant_run)
                constant["what"] = f"constant JAX-RS resource (GET {path}) in the same server, wrk -c {c}"
                self.row(f"{work} c{c}", api, constant, "req/s", engine=engine_query)
            else:
                self.row(f"{work} c{c}", api, engine_query, "req/s")

        for i, c in enumerate(s["CONNECTIONS"]):
            base = now_ms() - HOUR
            profile = ("cpu" if i == 0 else "wall") if self.profile else None

            # Each repetition into its own building, so that each run's acknowledgements are checked.
            api = self.repeated(lambda r: self.single_posts(f"api-single-c{c}-r{r}", c, base, f"single-c{c}-r{r}",
                                                            profile if r == 0 else None))
            raw = self.raw_once(f"single POST c{c}", lambda: self.repeated(
                lambda r: engine.raw_single(f"raw-single-c{c}-r{r}", self.rooms.count, base, c, s["DURATION"])))
            self.row(f"single POST c{c}", api, raw, "req/s", check=api.pop("check"))

    def batches(self):
        """The JSON batch endpoint and the same readings as line protocol, each beside the engine's own
        bulk path (measured once), in the same run; the line-protocol row also names its ratio to the
        JSON batch. With PROFILE=line-protocol only the line-protocol run, profiled."""
        s, engine = self.s, self.engine
        c, batch = s["BATCH_CONNECTIONS"], s["BATCH"]
        json_work = f"batch of {batch:,} c{c}"
        json_batch = raw = None
        if not self.profile_line_protocol:
            json_batch = self.repeated(lambda r: self.batch_run("post-batch.lua", f"api-batch-r{r}", 2 * HOUR,
                                                                f"batch-c{c}-r{r}"))
            raw = self.raw_once(json_work, lambda: self.repeated(
                lambda r: engine.raw_bulk(f"raw-bulk-r{r}", self.rooms.count, now_ms() - 2 * HOUR, batch, c,
                                          s["RAW_BULK_ROWS"], s["DURATION"])))
            self.row(json_work, json_batch, raw, "rows/s", check=json_batch.pop("check"))
        lines = self.repeated(lambda r: self.batch_run("post-lineprotocol.lua", f"api-line-protocol-r{r}", 3 * HOUR,
                                                       f"line-protocol-c{c}-r{r}",
                                                       self.line_protocol_event if r == 0 else None))
        if json_batch is None:
            self.log(f"{engine.label}: line protocol (profiled): {lines['per_second']:,.0f} rows/s")
            return
        self.row(f"line protocol, batch of {batch:,} c{c}", lines, raw, "rows/s", check=lines.pop("check"),
                 versus={"work": json_work, "per_second": json_batch["per_second"],
                         "ratio": lines["per_second"] / max(json_batch["per_second"], 1e-9)})

    def single_posts(self, building, c, base_ms, name, profile=None):
        """Single POSTs from c connections for DURATION s; req/s is what was acknowledged and found in the store."""
        env = {"BENCH_BUILDING": building, "BENCH_ROOMS": str(self.rooms.count), "BENCH_BASE_MS": str(base_ms),
               "BENCH_ACKED": str(self.store_out / building)}
        api = self.api("post-reading.lua", c, env, name, profile)
        api["check"] = self.checked(building, self.check_single(building))
        api["per_second"] = api["check"]["acknowledged"] / (api["duration_us"] / 1e6)
        return api

    def batch_run(self, script, building, age_ms, name, profile=None):
        """BATCH readings per request from BATCH_CONNECTIONS connections, into their own building and
        hour; rows/s is what was acknowledged and found in the store."""
        c, batch = self.s["BATCH_CONNECTIONS"], self.s["BATCH"]
        env = {"BENCH_BUILDING": building, "BENCH_ROOMS": str(self.rooms.count),
               "BENCH_BASE_MS": str(now_ms() - age_ms), "BENCH_BATCH": str(batch),
               "BENCH_ACKED": str(self.store_out / building)}
        api = self.api(script, c, env, name, profile)
        check = self.checked(building, self.check_batch(building, batch, c))
        api["per_second"] = check["acknowledged"] / (api["duration_us"] / 1e6)
        api["check"] = check
        return api

    def scale(self):
        c = self.s["SCALE_CONNECTIONS"]
        year = "one room with a reading a minute"
        # work, query, raw kind, window, bucket width, rooms, the acceptance's p99 bound in ms if any
        runs = (("GET average 15m", "average?duration=15m", "aggregate", 15 * MINUTE, None, self.rooms, None),
                ("GET average 24h", "average?duration=24h", "aggregate", DAY, None, self.rooms, None),
                (f"GET average 366d, {year}", "average?duration=366d", "aggregate", 366 * DAY, None, self.year,
                 10),
                (f"GET stats 366d, {year}", "stats?duration=366d", "aggregate", 366 * DAY, None, self.year, 10),
                (f"GET series 30d by 1h, {year}", "series?duration=30d&interval=1h", "buckets", 30 * DAY, HOUR,
                 self.year, 20))
        for work, query, kind, window, width, rooms, bound in runs:
            name = f"scale-{query.split('?')[0]}-{window // MINUTE}m-c{c}"
            env = dict(rooms.lua_env(), BENCH_PATH=self.get_path(query))
            api = self.repeated(lambda i: self.api("get.lua", c, env, f"{name}-{i}"), "p99")
            raw = self.repeated(lambda i: self.engine.raw_query(kind, rooms, window, width, c, self.s["DURATION"],
                                                                f"{name}-{i}"), "p99")
            self.ran(work, api, raw)
            row = {"work": f"{work} c{c}", "api": api, "raw": raw}
            if bound:
                # The engine answering the same from the rollup tables: the honest yardstick.
                rollups = self.repeated(lambda i: self.engine.raw_query(f"rollup-{kind}", rooms, window, width, c,
                                                                        self.s["DURATION"], f"{name}-rollups-{i}"),
                                        "p99")
                self.ran(work + " (rollups)", api, rollups)
                row.update(rollups=rollups, bound_ms=bound)
            self.entry["scale"].append(row)
            self.log(f"{self.engine.label}: {work}: API p99 {api['latency_us']['p99']} us, "
                     f"raw p99 {raw['latency_us']['p99']} us"
                     + (f", on rollups p99 {row['rollups']['latency_us']['p99']} us" if bound else ""))
        self.check_long_windows()

    # --- long windows answer what the readings say --------------------------------------------------

    def check_long_windows(self):
        """A sample of long-window answers of the API, equal to what the raw engine says of the readings
        themselves: the year room over 366 days and 30 days by the hour, and three rooms of the loaded
        data over 24 hours, each window with its edges inside an hour."""
        end = self.year.end_ms - 3 * MINUTE - 417
        cases = [(self.year.first_building, 1, end - 366 * DAY + 17 * MINUTE + 123, end, True)]
        for k in (0, self.rooms.count // 2, self.rooms.count - 1):
            building = self.rooms.first_building + k // self.rooms.per_building
            room = 1 + k % self.rooms.per_building
            cases.append((building, room, self.rooms.end_ms - DAY + 7 * MINUTE + 11, self.rooms.end_ms - 5, False))
        checked, wrong = 0, []
        for building, room, from_ms, to_ms, series in cases:
            hours = self.engine.raw_hours(str(building), str(room), from_ms, to_ms)
            window = f"from={iso(from_ms)}&to={iso(to_ms)}"
            base = self.server.url(f"/api/v1/buildings/{building}/rooms/{room}/temperatures/")
            stats = get_json(base + "stats?" + window)
            expected = engines.answer(list(hours.values()))
            checked += 1
            if not same(stats, expected):
                wrong.append(f"stats {building}/{room} {window}: API {stats}, readings {expected}")
            if series:
                start = from_ms - 30 * DAY + 366 * DAY
                window = f"from={iso(start)}&to={iso(to_ms)}"
                for bucket in get_json(base + "series?interval=1h&" + window)["buckets"]:
                    at = epoch_ms(bucket["start"])
                    expected = engines.answer([hours.get(at)] if at >= start else [])
                    if at < start:  # the first bucket is clipped to the window
                        expected = engines.answer(
                            [self.engine.raw_hours(str(building), str(room), start, at + HOUR - 1).get(at)])
                    checked += 1
                    if not same(bucket, expected):
                        wrong.append(f"series bucket {bucket['start']}: API {bucket}, readings {expected}")
        entry = {"checked": checked, "wrong": len(wrong), "examples": wrong[:5]}
        self.entry["equality"] = entry
        if wrong:
            self.fail(f"{self.engine.label}: {len(wrong)} of {checked} long-window answers differ from the readings'"
                      f" own, e.g. {wrong[:2]}")
        else:
            self.log(f"{self.engine.label}: {checked} long-window answers equal to the readings' own")

    # --- every acknowledged reading is stored ------------------------------------------------------

    def checked(self, building, check):
        if not check["ok"]:
            self.fail(f"{self.engine.label} {building}: {check['summary']}; e.g. {check.get('examples')}")
        return check

    def settle(self):
        """Lets the requests still in flight when wrk stopped finish on the server."""
        time.sleep(0.3 if self.mode == "smoke" else 2)

    def check_single(self, building, extra_acknowledgements=()):
        """Each 201 body the Lua script kept must be in the store, with its temperature."""
        self.settle()
        acked = {}
        lines = [line for file in sorted(self.store_out.glob(f"{building}.*"))
                 for line in file.read_text().splitlines()]
        for line in [*lines, *extra_acknowledgements]:
            body = json.loads(line)
            if body["building_id"] != building:
                raise RuntimeError(f"an answer for another building: {line}")
            acked[(body["room_id"], epoch_ms(body["recorded_at"]))] = body["temperature"]
        stored = self.engine.stored(building)
        missing = [key for key, value in acked.items() if key not in stored or abs(stored[key] - value) > 1e-9]
        ok = bool(acked) and not missing
        summary = (f"{len(acked):,} readings acknowledged with 201, {len(missing):,} of them missing or different "
                   f"in the store ({len(stored):,} stored)")
        return {"acknowledged": len(acked), "stored": len(stored), "missing": len(missing),
                "examples": [list(key) for key in missing[:5]], "ok": ok, "summary": summary}

    def check_batch(self, building, batch, connections):
        """The batches answered 200 must all be stored; at most the ones still in flight may be more."""
        self.settle()
        acked = sum(int(line) for file in self.store_out.glob(f"{building}.*")
                    for line in file.read_text().splitlines())
        stored = self.engine.count(building)
        ok = 0 < acked <= stored <= acked + batch * connections and stored % batch == 0
        summary = (f"{acked // batch:,} batches ({acked:,} readings) acknowledged, {stored:,} readings "
                   f"stored ({(stored - acked) // batch} batches in flight when wrk stopped)")
        return {"acknowledged": acked, "stored": stored, "ok": ok, "summary": summary}

    def self_test(self):
        """The smoke's proof that the check can fail: an acknowledgement of a reading never sent."""
        building = f"api-single-c{self.s['CONNECTIONS'][0]}-r0"
        invented = json.dumps({"building_id": building, "room_id": "1", "temperature": 20.0,
                               "recorded_at": "2001-02-03T04:05:06.789Z"})
        check = self.check_single(building, [invented])
        if check["missing"] != 1:
            self.fail(f"the acknowledged-readings check did not notice a missing reading: {check}")
        else:
            self.log(f"self-test: the check reported the invented reading missing ({check['summary']})")


def agree(a, b):
    """Two rates within 5% of the larger."""
    return abs(a - b) <= 0.05 * max(a, b, 1e-9)


def same(api, expected):
    """An API answer (count, average, min, max) and the readings' (count, sum, min, max): equal count,
    lowest and highest, and the mean rounded as the API rounds it (half-up to three decimals)."""
    count, total, low, high = expected
    if api["count"] != count:
        return False
    if count == 0:
        return api["average"] is None and api.get("min") is None
    mean = Decimal(repr(max(low, min(high, total / count)))).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return (Decimal(repr(api["average"])) == mean and ("min" not in api or api["min"] == low)
            and ("max" not in api or api["max"] == high))


def machine():
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                            text=True).stdout.strip()
    return {"commit": commit, "cores": os.cpu_count(), "load_before": tools.load_average()}


def services(storages):
    """scripts/services.sh start, as make test does; returns the settings and whether to stop them."""
    if not set(storages) & {"timescale", "influx"}:
        return {}, False
    env_file = ROOT / ".services.env"
    started_here = not env_file.exists()
    subprocess.run([str(ROOT / "scripts" / "services.sh"), "start"], check=True)
    settings = {}
    for line in env_file.read_text().splitlines():
        if line.startswith("export "):
            name, _, value = line[len("export "):].partition("=")
            settings[name] = value
    return settings, started_here


def main():
    # Stopped with SIGTERM, still stop the server and clean the stores up (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    mode, s = settings()
    out = Path(os.environ.get("OUT", ROOT / "target" / "bench" / mode))
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if not JAR.exists():
        sys.exit(f"{JAR} is missing: build it first (make build)")
    # The load generator; pgbench and psql come with PostgreSQL (scripts/services/timescaledb.sh).
    subprocess.run([str(ROOT / "scripts" / "install-debian.sh"), "wrk"], check=True)
    bench = Bench(mode, s, out)
    services_env, stop_services = services(s["STORAGES"])
    try:
        for name in s["STORAGES"]:
            bench.storage(engines.ENGINES[name], services_env)
    finally:
        if stop_services:
            subprocess.run([str(ROOT / "scripts" / "services.sh"), "stop"])
    results = bench.results
    results["machine"]["load_after"] = tools.load_average()
    (out / "report.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "report.md").write_text(report.markdown(results))
    if mode == "smoke":
        # The closing line test runners print, for whoever reads the end of make test.
        runs = sum(len(s["rows"]) + len(s["scale"]) + ("alerting" in s) for s in results["storages"].values())
        print(f"smoke: {runs} passed, {len(results['failures'])} failed")
    else:
        print(report.markdown(results))
    # An alerting-only run has its own table in docs/performance.md (bench:alerting markers).
    documented = dict(results, mode="alerting") if s["ROWS"] == "alerting" else results
    whole = mode != "smoke" and not bench.profile and not bench.ingest_only
    if whole and report.update_docs(ROOT / "docs" / "performance.md", documented):
        print("[bench] updated the table in docs/performance.md", file=sys.stderr)
    print(f"[bench] report: {out / 'report.md'} and report.json", file=sys.stderr)
    if results["failures"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
