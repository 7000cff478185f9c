"""The alerting rows of `make bench` (docs/alerting.md): what one evaluation tick costs with every
loaded room and RULES rules, and what single POSTs lose while evaluations run.

A second server on the same store runs with a rules file of RULES rules (every building; five
distinct windows, so a tick should ask one overview per building and window, plus one for the list
of buildings) evaluated every second, far more often than the 30 s default, so that an evaluation
is nearly always running. Its own metrics (/metrics.json: the alerting.evaluations timer and the
alerting.evaluations.queries histogram) give the tick's duration and query count. Single POSTs are
measured on the first server (alerting off) and then on this one, back to back, with the same wrk
settings; every acknowledged reading of both runs is checked in the store."""

import json
import time

import tools

WINDOWS = ["5m", "15m", "30m", "1h", "2h"]
AGGREGATES = ["average", "min", "max"]


def rules_file(path, count):
    """RULES rules over every building: thresholds nothing in the loaded data (15 to 34.9 degrees)
    reaches, but one that fires for room 1 of every building, and silences of a day or more.
    Returns how many distinct windows the rules have."""
    lines = ["groups:", "  - name: bench", "    rules:",
             "      - alert: Room1Warm",
             "        threshold: {rooms: '1', aggregate: max, window: 5m, above: 0}"]
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
    return len({WINDOWS[0]} | {WINDOWS[i % 5] for i in range(1, count) if i % 5 != 4})


def admin_json(server, path):
    return json.loads(tools.http_get(f"http://127.0.0.1:{server.admin_port}{path}")[1])


def evaluations(server):
    metrics = admin_json(server, "/metrics.json")
    timer = metrics["timers"]["alerting.evaluations"]
    queries = metrics["histograms"]["alerting.evaluations.queries"]
    scale = {"seconds": 1000, "milliseconds": 1, "microseconds": 0.001}[timer.get("duration_units", "seconds")]
    return {"count": timer["count"], "p50_ms": timer["p50"] * scale, "max_ms": timer["max"] * scale,
            "queries_max": queries["max"], "queries_min": queries["min"]}


def run(bench, engine, env, out, rooms):
    s = bench.s
    count = int(s.get("RULES", 100))
    rules = out / "alerts.yml"
    windows = rules_file(rules, count)
    c = s["CONNECTIONS"][0]

    # Without evaluation: the first server, alerting off.
    without = post(bench, bench.server, c, "alerts-off")

    options = ["-Ddw.alerting.evaluationInterval=1s", "-Ddw.alerting.restore.maxSteps=0"]
    server = tools.Server(bench.jar, bench.config, dict(env, ALERT_RULES=str(rules)), out / "server-alerting.log",
                          options)
    try:
        deadline = time.time() + max(60, 10 * s["DURATION"])
        while evaluations(server)["count"] < 3 and time.time() < deadline:
            time.sleep(0.5)
        idle = evaluations(server)
        # Every building of the store: the loaded ones and those the earlier runs wrote to.
        buildings = len(json.loads(tools.http_get(f"{server.url}/api/v1/buildings")[1])["buildings"])
        expected = 1 + buildings * windows
        firing = admin_json(server, "/metrics.json")["gauges"]["alerting.alerts.firing"]["value"]
        bench.log(f"{engine.label}: alert tick, {rooms.count:,} rooms, {count} rules: p50 {idle['p50_ms']:.0f} ms, "
                  f"{idle['queries_max']} queries (goal at most {expected}), {firing} firing")
        if idle["count"] < 1:
            bench.fail(f"{engine.label}: no alert evaluation finished")
        if idle["queries_max"] > expected:
            bench.fail(f"{engine.label}: an alert tick asked {idle['queries_max']} queries, more than one per "
                       f"building and rule window ({expected})")
        if firing < 1:
            bench.fail(f"{engine.label}: no alert firing; room 1 of each building should")

        before = evaluations(server)["count"]
        saved, bench.server = bench.server, server
        try:
            during = post(bench, server, c, "alerts-on")
        finally:
            bench.server = saved
        loaded = evaluations(server)
        bench.entry["alerting"] = {
            "rooms": rooms.count, "buildings": buildings, "rules": count, "windows": windows,
            "expected_queries": expected, "idle": idle, "loaded": loaded, "firing": firing,
            "evaluations_during_post": loaded["count"] - before, "connections": c,
            "without": summary(without), "with": summary(during),
            "ratio": during["per_second"] / max(without["per_second"], 1e-9)}
        bench.log(f"{engine.label}: single POST c{c}: {without['per_second']:,.0f}/s without evaluation, "
                  f"{during['per_second']:,.0f}/s with ({loaded['count'] - before} evaluations during the run)")
    finally:
        server.stop()


def post(bench, server, c, building):
    """Single POSTs for DURATION s; every acknowledged reading must be in the store."""
    env = {"BENCH_BUILDING": building, "BENCH_ROOMS": str(bench.rooms.count),
           "BENCH_BASE_MS": str(int(time.time() * 1000) - 3_600_000), "BENCH_ACKED": str(bench.store_out / building)}
    result = bench.api("post-reading.lua", c, env, building)
    check = bench.checked(building, bench.check_single(building))
    result["per_second"] = check["acknowledged"] / (result["duration_us"] / 1e6)
    result["check"] = check
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
    line("tick p50 / max, alone (goal: under 2 s)",
         lambda a: f"{a['idle']['p50_ms']:.0f} / {a['idle']['max_ms']:.0f} ms")
    line("queries per tick (goal: at most 1 + buildings x windows)",
         lambda a: f"{a['idle']['queries_max']} (goal {a['expected_queries']})")
    line("tick p50 / max, during the POSTs",
         lambda a: f"{a['loaded']['p50_ms']:.0f} / {a['loaded']['max_ms']:.0f} ms")
    line("single POST, alerting off", lambda a: f"{a['without']['per_second']:,.0f} req/s (c{a['connections']})")
    line("single POST, evaluating every 1 s",
         lambda a: f"{a['with']['per_second']:,.0f} req/s ({a['evaluations_during_post']} ticks in the run)")
    line("with / without (goal: above 90 %)", lambda a: f"**{100 * a['ratio']:.0f} %**")
    return lines + [""]
