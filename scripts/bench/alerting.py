"""The alerting rows of `make bench` (docs/alerting.md): what one evaluation tick costs with every
loaded room and RULES rules, and what single POSTs lose while evaluations run.

A second server on the same store runs with a rules file of RULES rules (every building; four
distinct windows, so a tick should ask one overview per building and window, plus one for the list
of buildings) evaluated every second (far more often than the 30 s default, so that
evaluations keep running through a POST run). Its own metrics (/metrics.json: the
alerting.evaluations timer and the alerting.evaluations.queries histogram) give the tick's duration
and query count, from the ticks before any POST. That server is then warmed up as the first one was,
and single POSTs are measured on it REPEAT times each way, alternately with no rules (the rules file
reloaded to `groups: []`, so nothing is evaluated) and with the RULES rules: the same JVM, equally
warm, the same wrk settings; every acknowledged reading of every run is checked in the store."""

import os
import re
import subprocess
import time
from pathlib import Path

import tools
from common import get_json

WINDOWS = ["5m", "15m", "30m", "1h", "2h"]
AGGREGATES = ["average", "min", "max"]


def rules_file(path, count):
    """RULES rules over every building: thresholds nothing in the loaded data (15 to 34.9 degrees)
    reaches, but one that fires for room 1 of every building (over 1 h), and silences of a day or more.
    Returns how many distinct windows the rules have."""
    lines = ["groups:", "  - name: bench", "    rules:",
             "      - alert: Room1Warm",
             # An hour, a window other rules have too: the scale run reaches these rows minutes after
             # its data's last reading, when room 1's 5-minute window would be empty.
             f"        threshold: {{rooms: '1', aggregate: max, window: {WINDOWS[3]}, above: 0}}"]
    for i in range(1, count):
        if i % 5 == 4:
            lines += [f"      - alert: Silent{i}", f"        silence: {{after: {1 + i % 7}d}}"]
        else:
            side = "above" if i % 2 else "below"
            value = 40 + i / 10 if side == "above" else 10 - i / 10
            lines += [f"      - alert: Rule{i}",
                      f"        threshold: {{aggregate: {AGGREGATES[i % 3]}, window: {WINDOWS[i % 5]},"
                      f" {side}: {value:.1f}}}",
                      "        for: 1m"]
    path.write_text("\n".join(lines) + "\n")
    return len({WINDOWS[3]} | {WINDOWS[i % 5] for i in range(1, count) if i % 5 != 4})


def evaluations(server):
    metrics = get_json(server.admin_url("/metrics.json"))
    timer = metrics["timers"]["alerting.evaluations"]
    queries = metrics["histograms"]["alerting.evaluations.queries"]
    scale = {"seconds": 1000, "milliseconds": 1, "microseconds": 0.001}[timer.get("duration_units", "seconds")]
    return {"count": timer["count"], "p50_ms": timer["p50"] * scale, "p95_ms": timer["p95"] * scale,
            "max_ms": timer["max"] * scale, "queries_max": queries["max"], "queries_min": queries["min"]}


def await_evaluations(server, more, timeout):
    """Until `more` evaluations have finished since the call (or timeout s)."""
    target = evaluations(server)["count"] + more
    deadline = time.time() + timeout
    while evaluations(server)["count"] < target and time.time() < deadline:
        time.sleep(0.2)
    return evaluations(server)["count"] >= target


def use_rules(server, path, text, timeout):
    """Writes the rules file, reloads it, and waits until an evaluation has run on it alone."""
    path.write_text(text)
    server.task("reload-alert-rules", timeout=30)
    # The one running may still have the old rules: the one after it has the new ones.
    await_evaluations(server, 2, timeout)


def evaluation_thread_cpu(pid):
    """CPU the server's evaluation thread has used (its thread is named alert-evaluation)."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            # Linux keeps 15 characters of a thread's name.
            if (task / "comm").read_text().strip() == "alert-evaluation"[:15]:
                return tools.cpu_seconds(task / "stat")
        except OSError:
            continue
    return 0.0


def engine_processes(env, name):
    """The engine's server process that listens on its port (ss, iproute2's), and its children (PostgreSQL's
    backends): whose CPU, while only the evaluation asks anything, is the evaluation's share on the engine."""
    port = {"timescale": env.get("POSTGRES_PORT"),
            "influx": env.get("INFLUX_URL", "").rpartition(":")[2]}.get(name)
    listening = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    found = re.search(r"pid=(\d+)", listening) if port else None
    return int(found.group(1)) if found else None


def tree_cpu(pid):
    """CPU of a process and its direct children, living now (the engine's backends are long-lived)."""
    if pid is None:
        return 0.0
    total = 0.0
    for process in [pid, *Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]:
        try:
            total += tools.cpu_seconds(f"/proc/{process}/stat")
        except OSError:
            continue  # ended since
    return total


def tick_cpu(server, engine_pid, seconds):
    """The CPU one tick costs, apart from how long a busy machine makes it wait: the evaluation
    thread's own, and the engine's while nothing but the evaluation asks it anything."""
    before = (evaluations(server)["count"], evaluation_thread_cpu(server.pid), tree_cpu(engine_pid))
    time.sleep(seconds)
    after = (evaluations(server)["count"], evaluation_thread_cpu(server.pid), tree_cpu(engine_pid))
    ticks = max(1, after[0] - before[0])
    return {"ticks": after[0] - before[0], "service_ms": 1000 * (after[1] - before[1]) / ticks,
            "engine_ms": 1000 * (after[2] - before[2]) / ticks}


def run(bench, engine, env, out, rooms):
    s = bench.s
    count = int(s.get("RULES", 100))
    rules = out / "alerts.yml"
    windows = rules_file(rules, count)
    full = rules.read_text()
    c = s["CONNECTIONS"][0]
    interval = "1s"
    timeout = max(60, 10 * s["DURATION"])
    # With PROFILE_ALERTING=1: CPU flame graphs of the alerting server, alone and during the POSTs.
    profiling = os.environ.get("PROFILE_ALERTING") == "1"
    if profiling and bench.profiler is None:
        bench.profiler = tools.Profiler(out.parent / "tools")

    options = [f"-Ddw.alerting.evaluationInterval={interval}", "-Ddw.alerting.restore.maxSteps=0"]
    if profiling:
        options += ["-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"]
    server = tools.Server(bench.jar, bench.config, dict(env, ALERT_RULES=str(rules)), out / "server-alerting.log",
                          options)
    saved, warm_up = bench.server, bench.entry.get("warm_up")
    try:
        await_evaluations(server, 3, timeout)
        if profiling:
            html = out / "profile-alerting-alone.html"
            bench.profiler.start(server.pid, "cpu", html)
        cpu = tick_cpu(server, engine_processes(env, engine.name), max(5, s["DURATION"]))
        if profiling:
            bench.profiler.stop(server.pid, html, html.with_suffix(".collapsed"))
        idle = evaluations(server)
        # Every building of the store: the loaded ones and those the earlier runs wrote to.
        buildings = len(get_json(server.url("/api/v1/buildings"))["buildings"])
        expected = 1 + buildings * windows
        firing = get_json(server.admin_url("/metrics.json"))["gauges"]["alerting.alerts.firing"]["value"]
        bench.log(f"{engine.label}: alert tick, {rooms.count:,} rooms in {buildings} buildings, {count} rules: "
                  f"p50 {idle['p50_ms']:.0f} ms, p95 {idle['p95_ms']:.0f} ms, {idle['queries_max']} queries "
                  f"(goal at most {expected}), {firing} firing; CPU a tick: {cpu['service_ms']:.0f} ms in the "
                  f"evaluation thread, {cpu['engine_ms']:.0f} ms in the engine ({cpu['ticks']} ticks)")
        if idle["count"] < 1:
            bench.fail(f"{engine.label}: no alert evaluation finished")
        if idle["queries_max"] > expected:
            bench.fail(f"{engine.label}: an alert tick asked {idle['queries_max']} queries, more than one per "
                       f"building and rule window ({expected})")
        if firing < 1:
            bench.fail(f"{engine.label}: no alert firing; room 1 of each building should")

        # The same warm-up as the first server had, so that the comparison is between warm JVMs.
        bench.server = server
        bench.warm_up()
        alerting_warm_up = bench.entry.pop("warm_up", None)
        if warm_up is not None:
            bench.entry["warm_up"] = warm_up
        withouts, withs, ticks = [], [], []
        for r in range(s["REPEAT"]):
            use_rules(server, rules, "groups: []\n", timeout)
            withouts.append(post(bench, c, f"alerts-off-r{r}"))
            use_rules(server, rules, full, timeout)
            before = evaluations(server)["count"]
            withs.append(post(bench, c, f"alerts-on-r{r}", "cpu" if profiling and r == 0 else None))
            ticks.append(evaluations(server)["count"] - before)
        loaded = evaluations(server)
        without, during = median(withouts), median(withs)
        bench.entry["alerting"] = {
            "rooms": rooms.count, "buildings": buildings, "rules": count, "windows": windows,
            "interval": interval, "expected_queries": expected, "idle": idle, "cpu": cpu, "loaded": loaded,
            "firing": firing,
            "evaluations_during_post": ticks, "connections": c, "warm_up": alerting_warm_up,
            "without": summary(without), "with": summary(during),
            "without_runs": [round(r["per_second"]) for r in withouts],
            "with_runs": [round(r["per_second"]) for r in withs],
            "ratio": during["per_second"] / max(without["per_second"], 1e-9)}
        bench.log(f"{engine.label}: single POST c{c}: {without['per_second']:,.0f}/s with no rules "
                  f"{[round(r['per_second']) for r in withouts]}, {during['per_second']:,.0f}/s with {count} "
                  f"{[round(r['per_second']) for r in withs]} ({ticks} evaluations in the runs), "
                  f"tick max during the POSTs {loaded['max_ms']:.0f} ms")
    finally:
        bench.server = saved
        server.stop()


def median(results):
    return sorted(results, key=lambda r: r["per_second"])[len(results) // 2]


def post(bench, c, building, profile=None):
    """Single POSTs for DURATION s; every acknowledged reading must be in the store."""
    result = bench.single_posts(building, c, int(time.time() * 1000) - 3_600_000, building, profile)
    if bench.mode == "smoke" and not result["per_second"]:
        bench.fail(f"{bench.engine.label} {building}: no POST acknowledged")
    return result


def summary(result):
    return {"per_second": result["per_second"], "latency_us": result["latency_us"],
            "check": result["check"]["summary"]}


def tables(results):
    rows = [(s["label"], s["alerting"]) for s in results["storages"].values() if s.get("alerting")]
    if not rows:
        return []
    lines = ["| alerting | " + " | ".join(label for label, _ in rows) + " |", "|---|" + "---|" * len(rows)]

    def line(title, cell):
        lines.append(f"| {title} | " + " | ".join(cell(a) for _, a in rows) + " |")

    line("one evaluation tick: rooms, rules", lambda a: f"{a['rooms']:,} rooms in {a['buildings']} buildings, "
         f"{a['rules']} rules, {a['windows']} windows")
    line("tick p50 / p95 / max, alone (goal: under 2 s)",
         lambda a: f"{a['idle']['p50_ms']:.0f} / {a['idle']['p95_ms']:.0f} / {a['idle']['max_ms']:.0f} ms")
    line("CPU a tick, alone: evaluation thread + engine",
         lambda a: f"{a['cpu']['service_ms']:.0f} + {a['cpu']['engine_ms']:.0f} ms" if "cpu" in a else "-")
    line("queries per tick (goal: at most 1 + buildings x windows)",
         lambda a: f"{a['idle']['queries_max']} (goal {a['expected_queries']})")
    line("tick max, during the POSTs", lambda a: f"{a['loaded']['max_ms']:.0f} ms")
    line("single POST, no rules", lambda a: f"{a['without']['per_second']:,.0f} req/s (c{a['connections']}; runs "
         f"{', '.join(f'{r:,}' for r in a['without_runs'])})")
    line("single POST, the rules evaluated every " + rows[0][1].get("interval", "1s"),
         lambda a: f"{a['with']['per_second']:,.0f} req/s (runs {', '.join(f'{r:,}' for r in a['with_runs'])}; "
         f"{sum(a['evaluations_during_post'])} ticks in them)")
    line("with / without (goal: above 90 %)", lambda a: f"**{100 * a['ratio']:.0f} %**")
    return lines + [""]
