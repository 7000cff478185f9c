"""The report of scripts/bench: markdown tables and JSON, the table in docs/performance.md, and what
the flame graphs' samples were spent on."""

import re
from collections import Counter
from pathlib import Path

# What the issue asks to look for, and the big libraries, by frames anywhere in a sampled stack.
# A sample counts once per category; categories overlap (JDBI parsing is part of JDBI).
CATEGORIES = [
    ("JDBI: SQL parsing and templating", ("org/jdbi/v3/core/statement/ColonPrefixSqlParser", "SqlParser.parse",
                                          "org/jdbi/v3/core/internal/lexer", "org/antlr", "TemplateEngine")),
    ("JDBI: all", ("org/jdbi/",)),
    ("pool: connection validation on borrow", ("PooledConnection.validate",)),
    ("request log (logback, Jetty RequestLog)", ("RequestLog", "ch/qos/logback")),
    ("ETag filter (ConditionalGet)", ("ConditionalGet.filter",)),
    ("Jackson", ("com/fasterxml/jackson",)),
    ("pgjdbc", ("org/postgresql/",)),
    ("sqlite-jdbc and SQLite", ("org/sqlite/",)),
    ("InfluxDB client, OkHttp, Retrofit", ("com/influxdb/", "okhttp3/", "retrofit2/", "okio/")),
    ("Jersey", ("org/glassfish/jersey/",)),
    ("Jetty I/O and HTTP parsing", ("org/eclipse/jetty/io/", "org/eclipse/jetty/http/")),
    ("garbage collector", ("G1", "GCTaskThread", "WorkerThread::run")),
    ("JIT compiler", ("CompileBroker",)),
    ("sleeping or parked (wall-clock only)", ("Thread.sleep", "Unsafe.park", "nanosleep", "usleep")),
]

REQUEST = "org/glassfish/jersey/server/ServerRuntime"


def profile_summary(collapsed, wall):
    """Share of samples per category, and the methods most often on top of the stack. A wall-clock
    profile samples idle threads too, so only stacks that serve a request (Jersey) count there."""
    stacks = Counter()
    for line in Path(collapsed).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and (not wall or REQUEST in stack):
            stacks[stack] += int(count)
    total = sum(stacks.values()) or 1
    categories = {name: round(100 * sum(n for s, n in stacks.items() if any(p in s for p in patterns)) / total, 1)
                  for name, patterns in CATEGORIES}
    leaves = Counter()
    for stack, n in stacks.items():
        leaves[stack.rsplit(";", 1)[-1]] += n
    top = [{"frame": frame, "percent": round(100 * n / total, 1)} for frame, n in leaves.most_common(12)]
    return {"samples": total, "of": "request threads" if wall else "all threads", "categories": categories,
            "top_frames": top}


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
    return text


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
        lines += notes
    return lines + [""]


def scale_tables(results):
    lines = []
    for storage in results["storages"].values():
        if not storage.get("scale"):
            continue
        lines += [f"**{storage['label']}**", "",
                  "| work | API p50 / p99 ms | raw p50 / p99 ms | API / raw p99 | goal: p99 at most "
                  "1.2 x raw + 1 ms |", "|---|---|---|---|---|"]
        for row in storage["scale"]:
            api, raw = row["api"]["latency_us"], row["raw"]["latency_us"]
            bound = 1.2 * raw["p99"] + 1000
            lines.append(
                f"| {row['work']} | {ms(api['p50'])} / {ms(api['p99'])} ({number(row['api']['per_second'])} req/s) "
                f"| {ms(raw['p50'])} / {ms(raw['p99'])} ({number(row['raw']['per_second'])}/s, {row['raw']['what']}) "
                f"| {api['p99'] / raw['p99']:.2f} | {ms(bound)} ms: {'met' if api['p99'] <= bound else 'not met'} |")
        lines += ["", f"Peak heap used {storage['memory']['heap_used_mib']:.0f} MiB, peak RSS "
                      f"{storage['memory']['peak_rss_mib']:.0f} MiB.", ""]
    return lines


def tables(results):
    return throughput_tables(results) + scale_tables(results)


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
            lines.append(f"### {profile['storage']}: {profile['run']} ({profile['event']}, "
                         f"{profile['summary']['samples']} samples of {profile['summary']['of']}; "
                         f"flame graph {profile['html']})")
            lines += [f"- {name}: {share}%" for name, share in profile["summary"]["categories"].items() if share]
            lines.append("- on top of the stack: " + ", ".join(
                f"{t['frame']} {t['percent']}%" for t in profile["summary"]["top_frames"][:8]))
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
