"""The report of scripts/bench: markdown tables and JSON, the table in docs/performance.md, and what
the flame graphs' samples were spent on."""

import re
from collections import Counter
from pathlib import Path

import alerting


def anywhere(*patterns):
    return lambda stack: any(p in stack for p in patterns)


def sleeping_under(prefix):
    return lambda stack: prefix in stack and stack.rsplit(";", 1)[-1] in ("__clock_nanosleep", "usleep", "nanosleep")


# What the issue asks to look for, by frames in a sampled stack (a sample counts once for each).
SUSPECTS = [
    ("JDBI: SQL parsing and template rendering", anywhere("ColonPrefixSqlParser", "SqlParser.parse", "TemplateEngine",
                                                          "org/jdbi/v3/core/internal/lexer", "org/antlr")),
    ("pool: connection validation on borrow", anywhere("PooledConnection.validate")),
    ("request log", anywhere("LogbackAccessRequestLog.log", "AsyncAccessEventAppenderFactory", "AsyncAppenderBase")),
    ("ETag filter (ConditionalGet: serialise, hash)", anywhere("ConditionalGet.filter")),
    ("JSON (Jackson, reading and writing)", anywhere("com/fasterxml/jackson")),
    ("Jersey @BeanParam: a bean injected per request", anywhere("BeanParamValueParamProvider")),
    ("exceptions thrown (stack traces filled)", anywhere("Throwable.fillInStackTrace")),
    ("SQLite sleeping in its busy handler (wall-clock only)", sleeping_under("org/sqlite/")),
    ("fsync", anywhere("fsync", "fdatasync")),
    ("parked or sleeping (wall-clock only)", anywhere("Unsafe.park", "Thread.sleep", "nanosleep", "usleep")),
]

# Where the time itself goes: each sample goes to the innermost frame of one of these, so the JDK
# code a library calls counts for that library. Samples with none go to the JVM's own threads.
COMPONENTS = [
    ("the service (dev.temperature)", ("dev/temperature/",)),
    ("JDBI", ("org/jdbi/",)),
    ("connection pool (tomcat-jdbc)", ("org/apache/tomcat/jdbc/",)),
    ("pgjdbc", ("org/postgresql/",)),
    ("sqlite-jdbc and SQLite", ("org/sqlite/", "libsqlitejdbc")),
    ("InfluxDB client, OkHttp, Retrofit", ("com/influxdb/", "okhttp3/", "okio/", "retrofit2/", "kotlin/")),
    ("Jackson", ("com/fasterxml/jackson/",)),
    ("Jersey and HK2", ("org/glassfish/",)),
    ("logback (request log)", ("ch/qos/logback/",)),
    ("Dropwizard and Metrics", ("io/dropwizard/", "com/codahale/")),
    ("Jetty", ("org/eclipse/jetty/",)),
    ("Hibernate Validator", ("org/hibernate/",)),
]
JVM = [("JIT compiler", ("CompileBroker",)), ("garbage collector", ("G1", "GC", "WorkerThread::run"))]

REQUEST = "org/glassfish/jersey/server/ServerRuntime"


def component(stack):
    frames = stack.split(";")
    for frame in reversed(frames):
        for name, patterns in COMPONENTS:
            if any(frame.startswith(p) or p in frame and "/" not in p for p in patterns):
                return name
    for name, patterns in JVM:
        if any(p in stack for p in patterns):
            return name
    return "JDK, JVM and kernel, other"


def profile_summary(collapsed, requests_only):
    """Shares of the samples: the issue's suspects, and the components where the time goes; of all
    threads, or of the threads serving a request (Jersey) only, which leaves out the JIT compiler,
    the GC and, in a wall-clock profile, the idle threads."""
    stacks = Counter()
    for line in Path(collapsed).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and (not requests_only or REQUEST in stack):
            stacks[stack] += int(count)
    total = sum(stacks.values()) or 1

    def share(n):
        return round(100 * n / total, 1)

    suspects = {name: share(sum(n for s, n in stacks.items() if test(s))) for name, test in SUSPECTS}
    components = Counter()
    leaves = Counter()
    for stack, n in stacks.items():
        components[component(stack)] += n
        leaves[stack.rsplit(";", 1)[-1]] += n
    return {"samples": total, "of": "request threads" if requests_only else "all threads", "suspects": suspects,
            "components": {name: share(n) for name, n in components.most_common()},
            "top_frames": [{"frame": frame, "percent": share(n)} for frame, n in leaves.most_common(12)]}


def percent(ratio):
    return f"{100 * ratio:.1f}%" if ratio < 0.1 else f"{100 * ratio:.0f}%"


def number(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def ms(micros):
    return f"{micros / 1000:.2f}" if micros < 10_000 else f"{micros / 1000:.0f}"


def throughput_cell(side, unit):
    text = f"{number(side['per_second'])} {unit}"
    if side.get("failed"):
        text += f" ({side['failed']} failed)"
    if len(side.get("runs", ())) > 1:
        text += f" (median of {', '.join(number(r) for r in side['runs'])})"
    return text


def cpu(side):
    """The CPU a run used, as a share of one core: the server's and the load generator's."""
    parts = []
    if "server_cpu_percent" in side:
        parts.append(f"server {side['server_cpu_percent']}%")
    if "generator_cpu_percent" in side:
        parts.append(f"load generator {side['generator_cpu_percent']}%")
    return ", ".join(parts) or "not measured"


def warm_up(storage):
    warm = storage.get("warm_up")
    if not warm:
        return []
    verdict = "two successive turns within 5%" if warm["settled"] else "did NOT settle within 5%"
    return [f"- {storage['label']}: warm-up {warm['seconds']} s, {warm['turns']} turns ({verdict}); GET average "
            f"req/s by turn {warm['reads_per_second']}, single POST req/s by turn {warm['writes_per_second']}"]


def throughput_tables(results):
    lines = []
    storages = [s for s in results["storages"].values() if s.get("rows")]
    if not storages:
        return lines
    lines += ["| work | " + " | ".join(s["label"] for s in storages) + " |",
              "|---|" + "---|" * len(storages)]
    works = list(dict.fromkeys(row["work"] for s in storages for row in s["rows"]))
    for work in works:
        for part, title in (("api", "API"), ("raw", "raw"), ("ratio", "API / raw")):
            cells = []
            for storage in storages:
                row = next((r for r in storage["rows"] if r["work"] == work), None)
                if row is None:
                    cells.append("")
                elif part == "ratio":
                    cells.append(f"**{percent(row['ratio'])}**")
                else:
                    cells.append(throughput_cell(row[part], row["unit"]) + (
                        f": {row[part]['what']}" if part == "raw" else ""))
            lines.append(f"| {work}, {title} | " + " | ".join(cells) + " |")
    lines.append("")
    for storage in storages:
        lines += warm_up(storage)
        notes = [f"- {storage['label']}: peak heap used {storage['memory']['heap_used_mib']:.0f} MiB "
                 f"(committed {storage['memory']['heap_committed_mib']:.0f} MiB, -Xmx256m), "
                 f"peak RSS {storage['memory']['peak_rss_mib']:.0f} MiB"]
        for row in storage["rows"]:
            if "engine" in row:
                engine = row["engine"]
                notes.append(f"  - {row['work']}: the SQLite query itself: {number(engine['per_second'])} "
                             f"queries/s, p50 {engine['latency_us']['p50']} us, {engine['what']}")
            if "check" in row:
                notes.append(f"  - {row['work']}: {row['check']['summary']}")
            notes.append(f"  - {row['work']}: CPU of one core during the median run: API {cpu(row['api'])}; "
                         f"raw {cpu(row['raw'])}")
            if "versus" in row:
                versus = row["versus"]
                notes.append(f"  - {row['work']}: {number(row['api']['per_second'])} rows/s, "
                             f"**{percent(versus['ratio'])}** of the {versus['work']} JSON batch's "
                             f"{number(versus['per_second'])} rows/s in the same run")
        lines += notes
    return lines + [""]


def scale_tables(results):
    lines = []
    for storage in results["storages"].values():
        if not storage.get("scale"):
            continue
        lines += [f"**{storage['label']}**", "",
                  "| work | API p50 / p99 ms | raw engine, every reading: p50 / p99 ms | raw engine on the rollups: "
                  "p50 / p99 ms | API / raw p99 | goal |", "|---|---|---|---|---|---|"]
        for row in storage["scale"]:
            api, raw = row["api"]["latency_us"], row["raw"]["latency_us"]
            rollups = row.get("rollups")
            if rollups:
                # Long windows: the acceptance's bound, and the ratio to the engine doing the same work.
                yardstick = rollups["latency_us"]
                met = api["p99"] <= row["bound_ms"] * 1000
                goal = f"p99 at most {row['bound_ms']} ms: {'met' if met else 'not met'}"
                on_rollups = (f"{ms(yardstick['p50'])} / {ms(yardstick['p99'])} ({number(rollups['per_second'])}/s, "
                              f"{rollups['what']})")
            else:
                yardstick = raw
                bound = 1.2 * raw["p99"] + 1000
                goal = f"p99 at most 1.2 x raw + 1 ms = {ms(bound)} ms: {'met' if api['p99'] <= bound else 'not met'}"
                on_rollups = "-"
            lines.append(
                f"| {row['work']} | {ms(api['p50'])} / {ms(api['p99'])} ({number(row['api']['per_second'])} req/s"
                f"{runs_p99(row['api'])}) "
                f"| {ms(raw['p50'])} / {ms(raw['p99'])} ({number(row['raw']['per_second'])}/s, {row['raw']['what']}) "
                f"| {on_rollups} | {api['p99'] / max(yardstick['p99'], 1):.2f} | {goal} |")
        lines += ["", *warm_up(storage), f"Peak heap used {storage['memory']['heap_used_mib']:.0f} MiB, peak RSS "
                      f"{storage['memory']['peak_rss_mib']:.0f} MiB."]
        if storage.get("equality"):
            equality = storage["equality"]
            lines.append(f"Long-window answers checked against the readings: {equality['checked']}, "
                         f"{equality['wrong']} different.")
        lines.append("")
    return lines


def runs_p99(side):
    runs = side.get("runs", ())
    return f"; p99 of {len(runs)} runs: {', '.join(ms(r) for r in runs)} ms" if len(runs) > 1 else ""


def baseline_tables(results):
    """With BASELINE=<commit>: each ingest row through that commit's jar beside the current jar's, both
    against the same raw figure."""
    storages = [s for s in results["storages"].values() if s.get("baseline", {}).get("rows")]
    if not storages:
        return []
    lines = [f"Ingest before and after: the jar of {storages[0]['baseline']['commit'][:12]} beside this one's, "
             "on a fresh store each, against the same raw figure.", "",
             "| work | storage | before | after | change | before / raw | after / raw |",
             "|---|---|---|---|---|---|---|"]
    for storage in storages:
        for before in storage["baseline"]["rows"]:
            after = next((r for r in storage["rows"] if r["work"] == before["work"]), None)
            if after is None:
                continue
            change = after["api"]["per_second"] / max(before["api"]["per_second"], 1e-9) - 1
            lines.append(f"| {before['work']} | {storage['label']} | "
                         f"{throughput_cell(before['api'], before['unit'])} | "
                         f"{throughput_cell(after['api'], after['unit'])} | {100 * change:+.0f}% | "
                         f"{percent(before['ratio'])} | {percent(after['ratio'])} |")
    return lines + [""]


def tables(results):
    return throughput_tables(results) + baseline_tables(results) + scale_tables(results) + alerting.tables(results)


def markdown(results):
    settings, machine = results["settings"], results["machine"]
    lines = [f"# make bench ({results['mode']}), {results['started']}", "",
             f"Commit {machine['commit']}; {machine['cores']} cores; load average before "
             f"{machine['load_before']}, after {machine['load_after']}. Settings: " +
             ", ".join(f"{k}={v}" for k, v in settings.items()) + ".", ""]
    lines += tables(results)
    if results.get("profiles"):
        lines += ["", "## Profiles", ""]
        for profile in results["profiles"]:
            lines += [f"### {profile['storage']}: {profile['run']} "
                      f"({profile['event']}; flame graph {profile['html']})", ""]
            for summary in profile["summaries"]:
                lines.append(f"Of {summary['samples']} samples of {summary['of']}:")
                lines.append("- suspects: " + ", ".join(f"{name} {share}%"
                                                        for name, share in summary["suspects"].items() if share))
                lines.append("- by component: " + ", ".join(f"{name} {share}%"
                                                            for name, share in summary["components"].items()))
                lines.append("- on top of the stack: " + ", ".join(
                    f"{t['frame']} {t['percent']}%" for t in summary["top_frames"][:8]))
                lines.append("")
    if results["failures"]:
        lines += ["", "## Failures", ""] + [f"- {failure}" for failure in results["failures"]]
    return "\n".join(lines) + "\n"


def update_docs(doc, results):
    """Replaces the table between the mode's markers in docs/performance.md."""
    begin, end = f"<!-- bench:{results['mode']}:begin -->", f"<!-- bench:{results['mode']}:end -->"
    text = doc.read_text()
    if begin not in text or end not in text:
        return False
    machine = results["machine"]
    body = [begin, "", f"Measured {results['started']} on commit {machine['commit']}, {machine['cores']} cores, "
                       f"load average {machine['load_before'][0]} before and {machine['load_after'][0]} after; "
                       + ", ".join(f"{k}={v}" for k, v in results["settings"].items()) + ".", ""]
    body += tables(results) + ["", end]
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    doc.write_text(pattern.sub(lambda _: "\n".join(body), text))
    return True
