#!/usr/bin/env python3
"""Real InfluxDB clients against the built jar's /api/v2/write, on every storage: scripts/gateways.sh.

For each storage (SQLite, PostgreSQL + TimescaleDB, InfluxDB) the jar runs on free ports with writes
requiring a token, a body limit of 256 KiB and, on SQLite, a 1 s busy timeout. Then:

  go-blocking   InfluxData's Go client (influxdb-client-go/v2), WriteAPIBlocking, 100 points a request
  go-batched    the same client's non-blocking WriteAPI: its own batches of 50, gzip
  go-rejected   one point with an invalid room id: the client must fail with the server's message
  telegraf-413  Telegraf (inputs.file, outputs.influxdb_v2, gzip) sends one batch that inflates past
                the body limit: the 413 must make it split the batch, and every point arrive; the
                points of another measurement among them are ignored and counted
  telegraf-503  SQLite only: the database is locked by another connection, so writes fail with 503
                and Retry-After; Telegraf must retry, and every point arrive once the lock is gone

Every client's readings are read back through the JSON API (the listing, page by page) and compared
with what it sent: the same rooms, milliseconds and temperatures, nothing more, nothing missing.
A storage whose settings are missing from the environment fails in CI (CI=true) and is skipped,
said out loud, elsewhere. Standard library only.
"""

import argparse
import hashlib
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from common import JAR, Failed, Group, Jar, epoch_ms, free_port, http_get, iso, listing, logger, wait_until

STORAGES = ("sqlite", "timescale", "influx")
NEEDS = {"sqlite": (), "timescale": ("POSTGRES_URL", "POSTGRES_USER", "POSTGRES_PASSWORD"),
         "influx": ("INFLUX_URL", "INFLUX_TOKEN", "INFLUX_ORG", "INFLUX_BUCKET")}
ROOMS = 5
MAX_BODY = "256KiB"
log = logger("gateways")


def points(count, start_ms):
    """What every client sends: point i is room r<i%5> at start_ms + i with 15 + (i % 200) / 10 °C,
    as scripts/gateways/influx-client-go computes it too."""
    return {(f"r{i % ROOMS}", start_ms + i): 15 + (i % 200) / 10 for i in range(count)}


class Server(Jar):
    """The jar with a configuration written for one storage, on free loopback ports."""

    def __init__(self, work, storage, token):
        self.storage, self.sqlite = storage, os.path.join(work, "gateways.db")
        port, admin = free_port(), free_port()
        config = os.path.join(work, f"config-{storage}.yml")
        with open(config, "w") as f:
            f.write(self.configuration(port, admin, hashlib.sha256(token.encode()).hexdigest()))
        super().__init__(config, os.path.join(work, f"server-{storage}.log"), cwd=work, port=port, admin_port=admin)
        self.wait_ready(timeout=180)

    def configuration(self, port, admin, token_hash):
        env = os.environ
        storage = {
            "sqlite": {"type": "sqlite", "path": self.sqlite, "busyTimeout": "1s"},
            "timescale": {"type": "timescale", "database": {
                "url": env.get("POSTGRES_URL"), "user": env.get("POSTGRES_USER"),
                "password": env.get("POSTGRES_PASSWORD")},
                # The schema's owner migrates, as in config-timescale.yml: on a fresh database the
                # serving role may not create Flyway's table.
                "migrations": {"user": env.get("POSTGRES_MIGRATIONS_USER", ""),
                               "password": env.get("POSTGRES_MIGRATIONS_PASSWORD", "")}},
            "influx": {"type": "influx", "url": env.get("INFLUX_URL"), "token": env.get("INFLUX_TOKEN"),
                       "org": env.get("INFLUX_ORG"), "bucket": env.get("INFLUX_BUCKET")},
        }[self.storage]
        config = {
            "server": {"applicationConnectors": [{"type": "http", "port": port, "bindHost": "127.0.0.1"}],
                       "adminConnectors": [{"type": "http", "port": admin, "bindHost": "127.0.0.1"}]},
            "storage": storage,
            "http": {"maxBodySize": MAX_BODY},
            "auth": {"writes": "required", "reads": "off",
                     "tokens": [{"name": "gateways", "sha256": token_hash, "roles": ["writer"]}]},
            "logging": {"level": "WARN"},
        }
        return json.dumps(config, indent=2) + "\n"  # JSON is YAML

    def lines_counted(self):
        """temperature_api_line_protocol_lines_total by outcome, from the admin port's /metrics."""
        _, text = http_get(self.admin_url("/metrics"))
        counted = {}
        for line in text.splitlines():
            if line.startswith("temperature_api_line_protocol_lines_total{"):
                outcome = line.split('outcome="', 1)[1].split('"', 1)[0]
                counted[outcome] = float(line.rsplit(" ", 1)[1])
        return counted

    def stored(self, building, start_ms, end_ms):
        """Every reading of the building between the two times, through the JSON listing."""
        found = {}
        for room in range(ROOMS):
            query = urllib.parse.urlencode({"from": iso(start_ms), "to": iso(end_ms), "limit": 1000})
            for reading in listing(self.url(f"/api/v1/buildings/{building}/rooms/r{room}/temperatures?{query}")):
                found[(f"r{room}", epoch_ms(reading["recorded_at"]))] = reading["temperature"]
        return found


def compare(what, sent, stored):
    missing = [key for key in sent if key not in stored]
    different = [key for key in sent if key in stored and abs(stored[key] - sent[key]) > 1e-9]
    extra = [key for key in stored if key not in sent]
    if missing or different or extra:
        differences = [(key, sent[key], stored[key]) for key in different[:5]]
        raise Failed(f"{what}: {len(sent)} sent, {len(stored)} read back; missing {missing[:5]}, "
                     f"different {differences}, extra {extra[:5]}")
    return f"{len(sent)} readings sent, the same {len(stored)} read back"


class Gateways:
    def __init__(self, work, go_client, telegraf):
        self.work, self.go_client, self.telegraf = work, go_client, telegraf
        self.token = secrets.token_urlsafe(32)
        self.results = []

    def run(self, storage):
        server = Server(self.work, storage, self.token)
        try:
            cases = [self.go_blocking, self.go_batched, self.go_rejected, self.telegraf_413]
            if storage == "sqlite":
                cases.append(self.telegraf_503)
            for case in cases:
                name = case.__name__.replace("_", "-")
                started = time.monotonic()
                try:
                    detail = case(server, f"{name}-{storage}-{secrets.token_hex(3)}")
                    self.results.append((storage, name, True, detail))
                    log(f"{storage} {name}: passed in {time.monotonic() - started:.1f} s: {detail}")
                except Failed as e:
                    self.results.append((storage, name, False, str(e)))
                    log(f"{storage} {name}: FAILED: {e}\n--- server log ---\n{server.tail()}")
        finally:
            server.stop()

    # --- InfluxData's Go client -------------------------------------------------------------------

    def go(self, server, building, mode, count, start_ms):
        command = [self.go_client, "-url", server.url(), "-token", self.token, "-building", building,
                   "-points", str(count), "-start-ms", str(start_ms), "-mode", mode]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0:
            raise Failed(f"influx-write -mode {mode} failed: {done.stdout}{done.stderr}")
        return done.stdout.strip()

    def go_sent(self, server, building, mode, count, what):
        start = int(time.time() * 1000) - 600_000
        self.go(server, building, mode, count, start)
        return compare(what, points(count, start), server.stored(building, start, start + count))

    def go_blocking(self, server, building):
        return self.go_sent(server, building, "blocking", 1000, "Go client, blocking")

    def go_batched(self, server, building):
        return self.go_sent(server, building, "batched", 3000, "Go client, batched and gzipped")

    def go_rejected(self, server, building):
        start = int(time.time() * 1000) - 600_000
        message = self.go(server, building, "rejected", 1, start)
        if "line 1" not in message:
            raise Failed(f"the client's error does not name the line: {message}")
        return "the client failed with the server's message: " + message

    # --- Telegraf ----------------------------------------------------------------------------------

    def telegraf_config(self, server, name, source, interval):
        config = os.path.join(self.work, name + ".toml")
        with open(config, "w") as f:
            f.write(f"""[agent]
  interval = "{interval}"
  round_interval = false
  # Timestamps as they are in the file; Telegraf otherwise rounds them to the interval.
  precision = "1ms"
  metric_batch_size = 20000
  metric_buffer_limit = 100000
  flush_interval = "1s"
  flush_jitter = "0s"
  # The host tag Telegraf adds is one more tag the service must ignore.
  omit_hostname = false

[[inputs.file]]
  files = [{json.dumps(source)}]
  data_format = "influx"

[[outputs.influxdb_v2]]
  urls = [{json.dumps(server.url())}]
  token = {json.dumps(self.token)}
  organization = "any-org"
  bucket = "any-bucket"
  content_encoding = "gzip"
  timeout = "20s"
""")
        return config

    def lines_file(self, name, building, count, start_ms, others):
        path = os.path.join(self.work, name + ".lp")
        with open(path, "w") as f:
            for i, ((room, ms), value) in enumerate(points(count, start_ms).items()):
                f.write(f"temperature,building_id={building},room_id={room} temperature={value!r} {ms * 1_000_000}\n")
                if i < others:
                    f.write(f"cpu,cpu=cpu{i} usage_idle=99.5 {ms * 1_000_000}\n")
        return path

    def telegraf_413(self, server, building):
        count, others = 6000, 50
        start = int(time.time() * 1000) - 600_000
        source = self.lines_file(building, building, count, start, others)
        ignored_before = server.lines_counted().get("ignored", 0)
        log_path = os.path.join(self.work, building + ".log")
        with open(log_path, "w") as out:
            done = subprocess.run([self.telegraf, "--config", self.telegraf_config(server, building, source, "10s"),
                                   "--once"], stdout=out, stderr=subprocess.STDOUT, timeout=300, check=False)
        with open(log_path) as f:
            output = f.read()
        if "request was too large (413)" not in output:
            raise Failed(f"Telegraf never got a 413 (exit {done.returncode}); its log:\n{output[-3000:]}")
        detail = compare("Telegraf", points(count, start), server.stored(building, start, start + count))
        ignored = server.lines_counted().get("ignored", 0) - ignored_before
        if ignored < others:
            raise Failed(f"{others} points of another measurement sent, {ignored} counted as ignored")
        return (f"{detail}; a 413 on a batch that inflates past {MAX_BODY} made Telegraf split it; "
                f"{others} cpu points ignored")

    def telegraf_503(self, server, building):
        count = 500
        start = int(time.time() * 1000) - 600_000
        source = self.lines_file(building, building, count, start, 0)
        log_path = os.path.join(self.work, building + ".log")
        # Another connection holds SQLite's write lock: the server's writes wait the 1 s busy timeout
        # and answer 503 with Retry-After until it is let go.
        lock = sqlite3.connect(server.sqlite, isolation_level=None, timeout=30)
        lock.execute("BEGIN EXCLUSIVE")
        telegraf = Group([self.telegraf, "--config", self.telegraf_config(server, building, source, "2s")], log_path)
        try:
            def refused():
                with open(log_path) as f:
                    return "503 Service Unavailable" in f.read()
            wait_until(refused, 60, "Telegraf to be answered 503")
            lock.execute("COMMIT")
            lock.close()
            sent = points(count, start)
            wait_until(lambda: len(server.stored(building, start, start + count)) >= count, 90,
                       "Telegraf's retries to store every point")
            return compare("Telegraf after 503", sent, server.stored(building, start, start + count)) + (
                "; 503 with Retry-After while the database was locked, then Telegraf's retry stored them")
        finally:
            telegraf.stop(30)
            lock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--go-client", required=True, help="the built scripts/gateways/influx-client-go")
    parser.add_argument("--telegraf", required=True, help="the built Telegraf")
    parser.add_argument("storages", nargs="*", metavar="storage", help="sqlite, timescale, influx (default: all)")
    args = parser.parse_args()
    storages = args.storages or list(STORAGES)
    unknown = sorted(set(storages) - set(STORAGES))
    if unknown:
        parser.error(f"unknown storage {', '.join(unknown)}; known: {', '.join(STORAGES)}")
    if not os.path.exists(JAR):
        sys.exit(f"[gateways] {JAR} is missing: build it first (make build)")

    in_ci = os.environ.get("CI", "").lower() == "true"
    with tempfile.TemporaryDirectory(prefix="temperature-gateways.") as work:
        gateways = Gateways(work, args.go_client, args.telegraf)
        for storage in storages:
            missing = [name for name in NEEDS[storage] if not os.environ.get(name)]
            if missing:
                why = f"{storage} needs {', '.join(missing)}: run `make services` and `. ./.services.env`"
                if in_ci:
                    gateways.results.append((storage, "settings", False, why))
                    log("FAILED: " + why)
                else:
                    log("SKIPPED: " + why)
                continue
            log(f"{storage}: Go client and Telegraf against the jar")
            gateways.run(storage)
    passed = sum(1 for result in gateways.results if result[2])
    failed = len(gateways.results) - passed
    for storage, name, ok, detail in gateways.results:
        print(f"{storage:<10} {name:<13} {'passed' if ok else 'FAILED'}  {detail}")
    print(f"gateways: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
