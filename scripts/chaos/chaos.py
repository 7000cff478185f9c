#!/usr/bin/env python3
"""Fault injection against the built jar, on every storage: `make chaos` (scripts/chaos.sh).

For each storage, with 16 clients posting single readings (each with its own recorded_at):
  outage   the database is killed with SIGKILL and restarted on the same data directory; for
           SQLite, which has no server, the app itself is killed and restarted on the same file
  sigterm  the app is sent SIGTERM
  start    the app is started while its database cannot be reached
Every reading answered 201 is then looked up in the database itself (not through the API); none
may be missing. Also checked: the first 503 comes within 2 s of the outage, the app recovers
without a restart, and a request in flight at SIGTERM is either finished or answered 503.

The suite runs its own PostgreSQL and InfluxDB in a temporary directory (never the ones of
scripts/services.sh, which other tests use), with the binaries scripts/services/*.sh install.
Standard library only.
"""

import argparse
import collections
import http.client
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from common import CACHE, ROOT, Failed, Group, Jar, epoch_ms, free_port, http_get, iso, logger, versions, wait_until
from influx import Influx

INFLUXD = os.path.join(CACHE, "influxd-" + versions()["INFLUXD_VERSION"], "influxd")
PG = os.path.join(ROOT, "scripts", "lib", "pg.sh")
CLIENTS = 16
FIRST_503_WITHIN = 2.0
log = logger("chaos")


class App:
    """The jar on free ports with one of the shipped configuration files; a restart is a new group
    (new ports, its own log) that the load's clients follow."""

    def __init__(self, work, config, env):
        self.work, self.config, self.env = work, config, env
        self.starts = 0

    def start(self, wait=True):
        self.starts += 1
        self.group = Jar(os.path.join(ROOT, self.config), os.path.join(self.work, "app-%d.log" % self.starts),
                         env=dict(os.environ, **self.env), cwd=self.work)
        if wait:
            self.group.wait_ready(timeout=180)
        return self

    def wait_exit(self, timeout):
        try:
            return self.group.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise Failed("the app did not exit within %ss" % timeout) from None


# One request of the load: when it started and ended (monotonic seconds), how it ended (an HTTP
# status, "refused", or "no answer (...)"), the reading it sent (building, room, epoch ms), the
# reading the 201 answered (None otherwise), and whether it was sent at all.
Request = collections.namedtuple("Request", "started ended outcome reading acked sent")


class Load:
    """16 clients posting one reading each per request, as fast as answers come. Every reading has
    its own recorded_at (its client's room, a millisecond no other request used)."""

    def __init__(self, app, building, base_ms):
        self.app, self.building, self.base_ms = app, building, base_ms
        self.stop_event = threading.Event()
        self.records = [[] for _ in range(CLIENTS)]
        self.next_ms = [0] * CLIENTS
        self.threads = []

    def start(self):
        self.stop_event.clear()
        self.threads = [threading.Thread(target=self.client, args=(n,), daemon=True)
                        for n in range(CLIENTS)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(60)

    def client(self, n):
        room = "r%02d" % n
        path = "/api/v1/buildings/%s/rooms/%s/temperatures" % (self.building, room)
        connection = None
        while not self.stop_event.is_set():
            ms = self.base_ms + self.next_ms[n]  # each client has its own room
            self.next_ms[n] += 1
            body = json.dumps({"temperature": 20.0 + (ms % 100) / 10, "recorded_at": iso(ms)})
            started = time.monotonic()
            outcome, acked = None, None
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.app.group.port, timeout=60)
                connection.request("POST", path, body, {"Content-Type": "application/json"})
                sent = True
                response = connection.getresponse()
                payload = response.read()
                outcome = response.status
                if outcome == 201:
                    answer = json.loads(payload)
                    acked = (answer["building_id"], answer["room_id"], epoch_ms(answer["recorded_at"]))
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except ConnectionRefusedError:
                outcome, sent = "refused", False
                connection = None
            except (OSError, http.client.HTTPException) as e:
                # Sent (or partly sent) and no answer: reset, closed or timed out.
                outcome, sent = "no answer (%s)" % type(e).__name__, True
                if connection is not None:
                    connection.close()
                connection = None
            self.records[n].append(
                Request(started, time.monotonic(), outcome, (self.building, room, ms), acked, sent))
            if outcome != 201:
                time.sleep(0.05)  # a client that backs off a little, not a hot loop of errors
        if connection is not None:
            connection.close()

    def all(self):
        return sorted((r for records in self.records for r in records), key=lambda r: r.started)


# --------------------------------------------------------------------------------------------
# Stores: each starts its database (if it has one), kills it, and reads back what it holds.
# --------------------------------------------------------------------------------------------

class SqliteStore:
    name = "sqlite"
    config = "config.yml"

    def __init__(self, work):
        self.path = os.path.join(work, "temperature.db")

    def app_env(self):
        return {"SQLITE_PATH": self.path}

    def unreachable_env(self, work):
        # A directory that cannot be made: its parent is a file. (Permissions would not stop root.)
        blocker = os.path.join(work, "not-a-directory")
        open(blocker, "w").close()
        return {"SQLITE_PATH": os.path.join(blocker, "data", "temperature.db")}, blocker

    def stored(self, building):
        with sqlite3.connect("file:%s?mode=ro" % self.path, uri=True) as db:
            rows = db.execute(
                "SELECT building_id, room_id, recorded_at FROM readings WHERE building_id = ?",
                (building,))
            return set(rows)


class PostgresStore:
    name = "timescale"
    config = "config-timescale.yml"
    password = "chaos-" + os.urandom(8).hex()

    def __init__(self, work):
        self.dir = os.path.join(work, "postgres")
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "postgres.log")
        self.port = free_port()
        server = subprocess.run([PG, "bin"], check=True, capture_output=True, text=True).stdout.strip() + "/postgres"
        if not os.path.exists(server):
            raise Failed("no PostgreSQL in /usr/lib/postgresql: run scripts/services/timescaledb.sh install")
        self.group = None

    def create(self):
        os.makedirs(self.dir)
        os.chmod(os.path.dirname(self.dir), 0o755)
        shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run([PG, "init", self.data], check=True, stdout=subprocess.DEVNULL)
        # fsync and synchronous_commit stay at their defaults (on): a crash must not lose a commit.
        subprocess.run([PG, "conf", self.data, str(self.port), self.dir, "max_connections = 50"], check=True)
        self.start()
        # Production's roles (docs/adr/0011-least-privilege.md): the owner migrates, the service
        # serves as a role that may only read and write rows.
        for role in ("temperature", "temperature_api"):
            self.psql("postgres", f"CREATE ROLE {role} LOGIN PASSWORD '{self.password}'")
        self.psql("postgres", "CREATE DATABASE temperature OWNER temperature")
        self.psql("temperature", "CREATE EXTENSION IF NOT EXISTS timescaledb")

    def start(self):
        # The same data directory every time: after a SIGKILL, PostgreSQL replays its WAL. Started
        # here, not by pg_ctl, so that a SIGKILL to its group takes every backend, as a crash would.
        self.group = Group([PG, "run", self.data], self.log)
        subprocess.run([PG, "ready", str(self.port), "120"], check=True)

    def kill9(self):
        self.group.kill9()

    def psql(self, database, sql):
        return subprocess.run([PG, "psql", self.data, database, "-At", "-c", sql],
                              check=True, capture_output=True, text=True).stdout

    def app_env(self):
        return {"POSTGRES_URL": "jdbc:postgresql://127.0.0.1:%d/temperature" % self.port,
                "POSTGRES_USER": "temperature_api", "POSTGRES_PASSWORD": self.password,
                "POSTGRES_MIGRATIONS_USER": "temperature", "POSTGRES_MIGRATIONS_PASSWORD": self.password}

    def unreachable_env(self, work):
        return self.app_env(), "127.0.0.1:%d" % self.port

    def stored(self, building):
        out = self.psql("temperature",
                        "SELECT building_id || ' ' || room_id || ' ' || "
                        "(extract(epoch FROM recorded_at) * 1000)::bigint FROM readings "
                        "WHERE building_id = '%s'" % building)
        return {(b, r, int(ms)) for b, r, ms in (line.split(" ") for line in out.splitlines())}


class InfluxStore:
    name = "influx"
    config = "config-influx.yml"
    token = "chaos-" + os.urandom(16).hex()

    def __init__(self, work):
        self.dir = os.path.join(work, "influxdb")
        self.log = os.path.join(work, "influxd.log")
        self.port = free_port()
        self.group = None
        if not os.access(INFLUXD, os.X_OK):
            raise Failed("no %s: run scripts/services/influxdb.sh install" % INFLUXD)

    def create(self):
        os.makedirs(self.dir)
        self.start()
        Influx(self.url("")).setup("temperature", "temperature", "chaos", os.urandom(12).hex(), self.token)

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def start(self):
        # The same data every time: after a SIGKILL, InfluxDB replays its WAL.
        self.group = Group([os.path.join(ROOT, "scripts", "services", "influxdb.sh"), "run", self.dir, str(self.port),
                            "warn"], self.log)
        wait_until(lambda: http_get(self.url("/health"), timeout=2)[0] == 200, 120, "InfluxDB on port %d" % self.port)

    def kill9(self):
        self.group.kill9()

    def app_env(self):
        return {"INFLUX_URL": self.url(""), "INFLUX_TOKEN": self.token,
                "INFLUX_ORG": "temperature", "INFLUX_BUCKET": "temperature"}

    def unreachable_env(self, work):
        return self.app_env(), self.url("")

    def stored(self, building):
        series = Influx(self.url(""), self.token).influxql(
            "temperature", f"SELECT temperature FROM temperature WHERE building_id = '{building}' GROUP BY room_id", 60)
        return {(building, s["tags"]["room_id"], int(at)) for s in series for at, _ in s["values"]}


STORES = {"sqlite": SqliteStore, "timescale": PostgresStore, "influx": InfluxStore}


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------

def first_after(records, moment, wanted):
    times = [r.ended for r in records if r.ended >= moment and r.outcome == wanted]
    return min(times) - moment if times else None


def counts(records):
    """How many requests ended how: an HTTP status, "refused" or "no answer (...)"."""
    return dict(collections.Counter(r.outcome for r in records))


def unexpected_statuses(records):
    """Answers other than 201 and 503: a 500 or a 400 under load is a bug, not an outage."""
    return {k: v for k, v in counts(records).items() if isinstance(k, int) and k not in (201, 503)}


def outage(store, app, building, timing):
    """(a) The database (for SQLite, the app) killed with SIGKILL under load, then restarted on the
    same data; returns the figures, the acknowledged readings and the unanswered ones."""
    load = Load(app, building, base_ms=int(time.time() * 1000) - 3_600_000)
    load.start()
    time.sleep(timing["warm"])
    app_pid = app.group.pid
    killed = time.monotonic()
    if store.name == "sqlite":
        app.group.kill9()
    else:
        store.kill9()
    time.sleep(timing["down"])
    relaunched = time.monotonic()
    if store.name == "sqlite":
        app.start()
    else:
        store.start()
    ready = time.monotonic()
    wait_until(lambda: any(r.ended >= relaunched and r.outcome == 201 for rs in load.records for r in rs[-50:]),
               120, "a 201 after the restart")
    time.sleep(timing["steady"])
    load.stop()
    records = load.all()
    figures = {
        "acknowledged": sum(1 for r in records if r.outcome == 201),
        "outcomes": counts(records),
        "first 503 after the kill (s)": first_after(records, killed, 503),
        "down (s)": round(relaunched - killed, 2),
        # From the relaunch (of the database; for SQLite, of the app) to the first 201 after it:
        # how long the restarted process took to be ready, and the app to use it again.
        "ready after relaunch (s)": round(ready - relaunched, 2),
        "first 201 after relaunch (s)": first_after(records, relaunched, 201),
        "201 while down": sum(1 for r in records
                              if killed + 0.05 < r.started and r.ended < relaunched and r.outcome == 201),
    }
    problems = []
    if store.name != "sqlite":
        first_503 = figures["first 503 after the kill (s)"]
        if first_503 is None or first_503 > FIRST_503_WITHIN:
            problems.append("first 503 after %s s, not within %s s" % (first_503, FIRST_503_WITHIN))
        if app.group.pid != app_pid or not app.group.alive():
            problems.append("the app did not survive the database's outage")
    if figures["first 201 after relaunch (s)"] is None:
        problems.append("no 201 after the restart: it did not recover")
    if unexpected_statuses(records):
        problems.append("answers other than 201 and 503: %s" % unexpected_statuses(records))
    return figures, records, problems


def sigterm(store, app, building, timing):
    """(b) SIGTERM under load: the app stops taking requests, finishes or refuses with 503 those
    in flight, flushes its write queue and exits."""
    load = Load(app, building, base_ms=int(time.time() * 1000) - 1_800_000)
    load.start()
    time.sleep(timing["warm"])
    termed = time.monotonic()
    app.group.process.send_signal(signal.SIGTERM)
    code = app.wait_exit(90)
    exited = time.monotonic()
    time.sleep(0.5)
    load.stop()
    records = load.all()
    in_flight = [r for r in records if r.started < termed < r.ended]
    figures = {
        "acknowledged": sum(1 for r in records if r.outcome == 201),
        "outcomes": counts(records),
        "in flight at SIGTERM": len(in_flight),
        "in flight: outcomes": counts(in_flight),
        "first 503 after SIGTERM (s)": first_after(records, termed, 503),
        "exit code": code,
        "seconds to exit": round(exited - termed, 2),
    }
    problems = []
    # 143 is how a JVM exits on SIGTERM once its shutdown hooks (Dropwizard's stop) have run.
    if code not in (0, 143):
        problems.append("exit code %s after SIGTERM" % code)
    if unexpected_statuses(records):
        problems.append("answers other than 201 and 503: %s" % unexpected_statuses(records))
    # That a request the server had taken up was finished is checked in the database (see
    # run_store): a request without an answer must not have its reading stored. A client may also
    # find its kept-alive connection closed by the stopping server before the server read the
    # request; that request was not in flight, and a client retries it.
    return figures, records, problems


def unreachable_at_start(store, work):
    """(c) The app started while its database cannot be reached: it must refuse to start, saying
    which database it could not use."""
    env, named = store.unreachable_env(work)
    app = App(work, store.config, env)
    started = time.monotonic()
    app.start(wait=False)
    try:
        code = app.wait_exit(120)
    except Failed:
        app.group.kill9()
        return {"behaviour": "kept running"}, ["the app started although its database is unreachable"]
    output = app.group.tail(400)
    # The reason as the operator reads it: the line that names the database and says it cannot
    # use it, not one buried in a stack trace.
    reason = next((line.strip() for line in output.splitlines()
                   if named in line and "cannot" in line and not line.startswith("!")), "")
    figures = {"behaviour": "refuses to start", "exit code": code,
               "seconds to refuse": round(time.monotonic() - started, 1), "message": reason[:300]}
    problems = []
    if code == 0:
        problems.append("exit code 0")
    if not reason:
        problems.append("no line of the output says it cannot use %s:\n%s" % (named, app.group.tail(20)))
    return figures, problems


def check_stored(store, building, records, figures, label):
    """Every acknowledged reading is in the database; figures also say how many unanswered ones are."""
    acked = {r.acked for r in records if r.acked is not None}
    unanswered = {r.reading for r in records if r.outcome != 201 and r.sent}
    stored = store.stored(building)
    lost = sorted(acked - stored)
    figures.update({"acknowledged": len(acked), "lost": len(lost), "unanswered but stored": len(unanswered & stored)})
    return [f"{len(lost)} acknowledged readings are not in the database ({label}), e.g. {lost[:5]}"] if lost else []


def run_store(name, work, timing):
    store = STORES[name](work)
    report, problems = {}, []
    if hasattr(store, "create"):
        log("%s: starting its own database in %s" % (name, work))
        store.create()
    app = App(work, store.config, store.app_env()).start()
    run = os.urandom(3).hex()

    log("%s: (a) outage under load" % name)
    outage_building = "chaos-%s-outage" % run
    report["outage"], outage_records, found = outage(store, app, outage_building, timing)
    if name != "sqlite":  # SQLite's file is read after (b), once the app has exited
        found += check_stored(store, outage_building, outage_records, report["outage"], "outage")
    problems += ["outage: " + p for p in found]

    log("%s: (b) SIGTERM under load" % name)
    building = "chaos-%s-sigterm" % run
    report["sigterm"], records, found = sigterm(store, app, building, timing)
    found += check_stored(store, building, records, report["sigterm"], "SIGTERM")
    # An unanswered request whose reading is stored was cut off in flight: SIGTERM must not do that.
    if report["sigterm"]["unanswered but stored"]:
        found.append("%d requests got no answer although their readings were stored"
                     % report["sigterm"]["unanswered but stored"])
    problems += ["sigterm: " + p for p in found]
    if name == "sqlite":
        problems += ["outage: " + p
                     for p in check_stored(store, outage_building, outage_records, report["outage"], "outage")]

    log("%s: (c) database unreachable at start" % name)
    if name != "sqlite":
        store.kill9()
    report["unreachable at start"], found = unreachable_at_start(store, work)
    problems += ["unreachable at start: " + p for p in found]
    return report, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("storages", nargs="*", metavar="storage",
                        help="sqlite, timescale or influx (default: all three)")
    parser.add_argument("--short", action="store_true",
                        help="shorter load phases (make test): 2 s before, 2 s down, 1 s after")
    parser.add_argument("--report", help="write the figures as JSON to this file")
    args = parser.parse_args()
    args.storages = args.storages or list(STORES)
    for name in args.storages:
        if name not in STORES:
            parser.error("unknown storage %r: choose from %s" % (name, ", ".join(STORES)))
    # Seconds of load before the fault, of the fault (database or app down), and after recovery.
    timing = ({"warm": 2, "down": 2, "steady": 1} if args.short
              else {"warm": 8, "down": 5, "steady": 5})

    reports, problems = {}, []
    for name in args.storages:
        work = tempfile.mkdtemp(prefix="temperature-chaos-%s-" % name)
        started = time.monotonic()
        try:
            report, found = run_store(name, work, timing)
        except Failed as e:
            report, found = {}, [str(e)]
        finally:
            Group.kill_all()
        report["seconds"] = round(time.monotonic() - started)
        reports[name] = report
        problems += ["%s %s" % (name, p) for p in found]
        log("%s: %s" % (name, json.dumps(report, default=str)))
        if found:
            log("%s: keeping %s for a look" % (name, work))
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(summary(reports))
    if args.report:
        with open(args.report, "w") as f:
            json.dump(reports, f, indent=2, default=str)
    if problems:
        for p in problems:
            log("FAILED: " + p)
        sys.exit(1)
    log("no acknowledged reading lost on %s" % ", ".join(args.storages))


def summary(reports):
    def seconds(value):
        return "-" if value is None else "%.2f s" % value
    lines = ["| storage | scenario | acknowledged | lost | first 503 | recovery | notes |",
             "|---|---|---|---|---|---|---|"]
    for name, report in reports.items():
        killed = "app" if name == "sqlite" else "database"
        if o := report.get("outage"):
            first_503 = "n/a (the app is down)" if name == "sqlite" else seconds(o.get("first 503 after the kill (s)"))
            lines.append(f"| {name} | {killed} SIGKILL, restarted on the same {'file' if name == 'sqlite' else 'data'}"
                         f" | {o.get('acknowledged')} | {o.get('lost')} | {first_503} | "
                         f"{seconds(o.get('first 201 after relaunch (s)'))} after relaunch ({killed} ready) | down "
                         f"{o.get('down (s)')} s; {o.get('outcomes')}; "
                         f"unanswered but stored {o.get('unanswered but stored')} |")
        if t := report.get("sigterm"):
            lines.append(f"| {name} | app SIGTERM | {t.get('acknowledged')} | {t.get('lost')} | "
                         f"{seconds(t.get('first 503 after SIGTERM (s)'))} | - | in flight "
                         f"{t.get('in flight at SIGTERM')}: {t.get('in flight: outcomes')}; exit {t.get('exit code')}"
                         f" in {t.get('seconds to exit')} s; unanswered but stored {t.get('unanswered but stored')} |")
        if u := report.get("unreachable at start"):
            lines.append(f"| {name} | database unreachable at start | - | - | - | - | {u.get('behaviour')} (exit "
                         f"{u.get('exit code')} after {u.get('seconds to refuse')} s): "
                         f"{u.get('message', '').replace('|', '/')} |")
        lines.append(f"| {name} | (whole run) | | | | | {report.get('seconds')} s |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
