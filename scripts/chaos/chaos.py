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
import datetime
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
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from common import CACHE, JAR, ROOT, Failed, Group, Jar, free_port, http_get, logger, versions, wait_until  # noqa: E402
from influx import Influx  # noqa: E402

INFLUXD = os.path.join(CACHE, "influxd-" + versions()["INFLUXD_VERSION"], "influxd")
PG = os.path.join(ROOT, "scripts", "lib", "pg.sh")
CLIENTS = 16
FIRST_503_WITHIN = 2.0
log = logger("chaos")


def epoch_ms(text):
    return round(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def iso(ms):
    moment = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)


class App:
    """The jar on free ports with one of the shipped configuration files."""

    def __init__(self, work, config, env):
        self.work, self.config, self.env = work, config, env
        self.group = None
        self.starts = 0

    def start(self, wait=True):
        self.starts += 1
        self.group = Jar(os.path.join(ROOT, self.config), os.path.join(self.work, "app-%d.log" % self.starts),
                         env=dict(os.environ, **self.env), cwd=self.work)
        self.port = self.group.port
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self):
        self.group.wait_ready(timeout=180)

    def url(self, path):
        return self.group.url(path)

    def sigterm(self):
        os.kill(self.group.pid, signal.SIGTERM)

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
                    connection = http.client.HTTPConnection("127.0.0.1", self.app.port, timeout=60)
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
        self.bin = subprocess.run([PG, "bin"], check=True, capture_output=True, text=True).stdout.strip()
        if not os.path.exists(self.bin + "/postgres"):
            raise Failed("no PostgreSQL in /usr/lib/postgresql: run scripts/services/timescaledb.sh install")
        self.as_postgres = (["runuser", "-u", "postgres", "--"] if os.geteuid() == 0
                            else ["sudo", "-n", "-u", "postgres", "--"])
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
        self.psql("postgres", "CREATE ROLE temperature LOGIN PASSWORD '%s'" % self.password)
        self.psql("postgres", f"CREATE ROLE temperature_api LOGIN PASSWORD '{self.password}'")
        self.psql("postgres", "CREATE DATABASE temperature OWNER temperature")
        self.psql("temperature", "CREATE EXTENSION IF NOT EXISTS timescaledb")

    def start(self):
        # The same data directory every time: after a SIGKILL, PostgreSQL replays its WAL. Started
        # here, not by pg_ctl, so that a SIGKILL to its group takes every backend, as a crash would.
        self.group = Group(self.as_postgres + [self.bin + "/postgres", "-D", self.data], self.log, cwd="/")
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
        rows = set()
        for line in out.splitlines():
            b, r, ms = line.split(" ")
            rows.add((b, r, int(ms)))
        return rows


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
        # The same bolt, sqlite and engine paths every time: after a SIGKILL, InfluxDB replays its WAL.
        self.group = Group([
            INFLUXD, "--http-bind-address", "127.0.0.1:%d" % self.port,
            "--bolt-path", os.path.join(self.dir, "influxd.bolt"),
            "--sqlite-path", os.path.join(self.dir, "influxd.sqlite"),
            "--engine-path", os.path.join(self.dir, "engine"),
            "--reporting-disabled", "--ui-disabled", "--log-level", "warn"],
            self.log, env=dict(os.environ, INFLUXD_CONFIG_PATH=self.dir), cwd=self.dir)
        wait_until(lambda: http_get(self.url("/health"), timeout=2)[0] == 200, 120, "InfluxDB on port %d" % self.port)

    def kill9(self):
        self.group.kill9()

    def app_env(self):
        return {"INFLUX_URL": self.url(""), "INFLUX_TOKEN": self.token,
                "INFLUX_ORG": "temperature", "INFLUX_BUCKET": "temperature"}

    def unreachable_env(self, work):
        return self.app_env(), self.url("")

    def stored(self, building):
        query = urllib.parse.urlencode({
            "db": "temperature", "epoch": "ms",
            "q": "SELECT temperature, room_id FROM temperature WHERE building_id = '%s'" % building})
        answer = Influx(self.url(""), self.token).call("GET", "/query?" + query, timeout=60)
        rows = set()
        for result in answer.get("results", []):
            if "error" in result:
                raise Failed("InfluxDB query failed: " + result["error"])
            for series in result.get("series", []):
                columns = series["columns"]
                at, room = columns.index("time"), columns.index("room_id")
                for value in series["values"]:
                    rows.add((building, value[room], int(value[at])))
        return rows


STORES = {"sqlite": SqliteStore, "timescale": PostgresStore, "influx": InfluxStore}


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------

def first_after(records, moment, wanted):
    times = [r.ended for r in records if r.ended >= moment and r.outcome == wanted]
    return min(times) - moment if times else None


def counts(records):
    """How many requests ended how: an HTTP status, "refused" or "no answer (...)"."""
    by = {}
    for r in records:
        by[r.outcome] = by.get(r.outcome, 0) + 1
    return by


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
        app.start(wait=False)
        app.wait_ready()
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
    app.sigterm()
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


def check_stored(store, building, acked, unanswered, label):
    """Every acknowledged reading is in the database; says how many unanswered ones are too."""
    stored = store.stored(building)
    lost = sorted(acked - stored)
    figures = {"acknowledged": len(acked), "lost": len(lost),
               "unanswered but stored": len(unanswered & stored)}
    problems = []
    if lost:
        problems.append("%d acknowledged readings are not in the database (%s), e.g. %s"
                        % (len(lost), label, lost[:5]))
    return figures, problems


def run_store(name, work, timing):
    store = STORES[name](work)
    report, problems = {}, []
    if hasattr(store, "create"):
        log("%s: starting its own database in %s" % (name, work))
        store.create()
    app = App(work, store.config, store.app_env()).start()
    run = os.urandom(3).hex()

    log("%s: (a) outage under load" % name)
    building = "chaos-%s-outage" % run
    figures, records, found = outage(store, app, building, timing)
    acked = {r.acked for r in records if r.acked is not None}
    unanswered = {r.reading for r in records if r.outcome != 201 and r.sent}
    if name != "sqlite":
        stored_figures, lost = check_stored(store, building, acked, unanswered, "outage")
        figures.update(stored_figures)
        found += lost
    outage_acked, outage_unanswered, outage_building = acked, unanswered, building
    report["outage"] = figures
    problems += ["outage: " + p for p in found]

    log("%s: (b) SIGTERM under load" % name)
    building = "chaos-%s-sigterm" % run
    figures, records, found = sigterm(store, app, building, timing)
    acked = {r.acked for r in records if r.acked is not None}
    unanswered = {r.reading for r in records if r.outcome != 201 and r.sent}
    stored_figures, lost = check_stored(store, building, acked, unanswered, "SIGTERM")
    figures.update(stored_figures)
    # An unanswered request whose reading is stored was cut off in flight: SIGTERM must not do that.
    if stored_figures["unanswered but stored"]:
        lost.append("%d requests got no answer although their readings were stored"
                    % stored_figures["unanswered but stored"])
    found += lost
    report["sigterm"] = figures
    problems += ["sigterm: " + p for p in found]
    if name == "sqlite":
        stored_figures, lost = check_stored(store, outage_building, outage_acked, outage_unanswered, "outage")
        report["outage"].update(stored_figures)
        problems += ["outage: " + p for p in lost]

    log("%s: (c) database unreachable at start" % name)
    if name != "sqlite":
        store.kill9()
    figures, found = unreachable_at_start(store, work)
    report["unreachable at start"] = figures
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
    if not os.path.exists(JAR):
        raise SystemExit("%s is missing: build it first (make build)" % JAR)

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
        outage_ = report.get("outage", {})
        if outage_:
            what = ("app SIGKILL, restarted on the same file" if name == "sqlite"
                    else "database SIGKILL, restarted on the same data")
            lines.append("| %s | %s | %s | %s | %s | %s after relaunch (%s ready) | down %s s; %s; "
                         "unanswered but stored %s |" % (
                name, what, outage_.get("acknowledged"), outage_.get("lost"),
                "n/a (the app is down)" if name == "sqlite" else seconds(outage_.get("first 503 after the kill (s)")),
                seconds(outage_.get("first 201 after relaunch (s)")),
                "app" if name == "sqlite" else "database", outage_.get("down (s)"),
                outage_.get("outcomes"), outage_.get("unanswered but stored")))
        term = report.get("sigterm", {})
        if term:
            lines.append("| %s | app SIGTERM | %s | %s | %s | - | in flight %s: %s; exit %s in %s s; "
                         "unanswered but stored %s |" % (
                name, term.get("acknowledged"), term.get("lost"), seconds(term.get("first 503 after SIGTERM (s)")),
                term.get("in flight at SIGTERM"), term.get("in flight: outcomes"), term.get("exit code"),
                term.get("seconds to exit"), term.get("unanswered but stored")))
        start = report.get("unreachable at start", {})
        if start:
            lines.append("| %s | database unreachable at start | - | - | - | - | %s (exit %s after %s s): %s |" % (
                name, start.get("behaviour"), start.get("exit code"), start.get("seconds to refuse"),
                start.get("message", "").replace("|", "/")))
        lines.append("| %s | (whole run) | | | | | %s s |" % (name, report.get("seconds")))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
