"""The processes scripts/bench drives: the service's jar, wrk, pgbench, async-profiler."""

import json
import os
import re
import resource
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

from common import CACHE, ROOT, Jar, get_json, versions

LUA = Path(__file__).resolve().parent / "lua"


def load_average():
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def baseline(root, commit):
    """Another commit's jar and configuration files, for BASELINE=<commit>: built once with its own
    Maven wrapper in a git worktree under ~/.cache/temperature-api/bench-baseline/<commit>/, the jar
    and the configuration files kept there and the worktree removed. Returns (commit, jar, directory
    of the configuration files)."""
    def git(*args):
        return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                              text=True).stdout.strip()

    sha = git("rev-parse", "--verify", f"{commit}^{{commit}}")
    home = Path(CACHE) / "bench-baseline" / sha
    jar = home / "temperature-api.jar"
    if not jar.exists():
        source = home / "source"
        home.mkdir(parents=True, exist_ok=True)
        if not source.exists():
            git("worktree", "add", "--detach", str(source), sha)
        print(f"[bench] building the jar of {sha[:12]} in {source}", file=sys.stderr)
        subprocess.run([str(source / "mvnw"), "-B", "-q", "-DskipTests", "package"], cwd=source, check=True)
        built = source / "bootstrap" / "target" / "temperature-api.jar"
        built.replace(jar)
        git("worktree", "remove", "--force", str(source))
    for name in git("ls-tree", "--name-only", sha).splitlines():
        if name.startswith("config") and name.endswith(".yml"):
            (home / name).write_text(git("show", f"{sha}:{name}") + "\n")
    return sha, jar, home


def cpu_seconds(stat):
    """User and system CPU from a /proc/.../stat file (fields 14 and 15)."""
    fields = Path(stat).read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server(Jar):
    """The service's jar with -Xmx256m on free ports, its stdout in a log file."""

    def __init__(self, jar, config, env, log, java_options=()):
        Path(log).unlink(missing_ok=True)
        super().__init__(config, log, env=env, java_options=("-Xmx256m", *java_options), jar=jar)
        self.memory = MemorySampler(self)
        self.wait_ready("/healthcheck", admin=True, timeout=120)
        self.memory.start()

    def metrics(self):
        """Heap figures from Dropwizard's admin /metrics.json (cheaper than a jstat per sample)."""
        gauges = get_json(self.admin_url("/metrics.json"))["gauges"]
        return {name: gauges[f"jvm.memory.heap.{name}"]["value"] for name in ("used", "committed", "max")}

    def rss_kib(self):
        """Current and peak resident set size of the server process, from /proc."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        return {key: int(re.search(rf"^{key}:\s+(\d+) kB", status, re.M).group(1)) for key in ("VmRSS", "VmHWM")}

    def cpu_seconds(self):
        return cpu_seconds(f"/proc/{self.pid}/stat")

    def stop(self, timeout=30):
        self.memory.stop()
        super().stop(timeout)


class MemorySampler(threading.Thread):
    """Samples heap and RSS every two seconds; peak() gives the largest values since the last reset, or
    since the start."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server = server
        self.halt = threading.Event()
        self.overall = {"heap_used_mib": 0.0, "heap_committed_mib": 0.0, "rss_mib": 0.0}
        self.reset()

    def reset(self):
        self.peaks = dict.fromkeys(self.overall, 0.0)

    def run(self):
        while not self.halt.wait(2.0):
            try:
                heap, rss = self.server.metrics(), self.server.rss_kib()
            except (OSError, ValueError, KeyError):
                continue
            sample = {
                "heap_used_mib": heap["used"] / 2**20,
                "heap_committed_mib": heap["committed"] / 2**20,
                "rss_mib": rss["VmRSS"] / 1024,
            }
            for key, value in sample.items():
                self.peaks[key] = max(self.peaks[key], value)
                self.overall[key] = max(self.overall[key], value)

    def peak(self, overall=False):
        return {key: round(value, 1) for key, value in (self.overall if overall else self.peaks).items()}

    def stop(self):
        self.halt.set()


def wrk(url, script, connections, seconds, env, summary, latency_timeout="30s"):
    """One wrk run with a script of lua/; returns its summary (see lua/common.lua) plus req/s."""
    threads = min(2, connections)
    env = dict(os.environ, **env, BENCH_LUA=str(LUA), WRK_THREADS=str(threads), BENCH_SUMMARY=str(summary))
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
               "--timeout", latency_timeout, "-s", str(LUA / script), url]
    completed, generator_cpu = measured(command, env)
    if completed.returncode != 0 or not Path(summary).exists():
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr or completed.stdout}")
    result = json.loads(Path(summary).read_text())
    result["per_second"] = result["requests"] / (result["duration_us"] / 1e6)
    result["failed"] = sum(result["errors"].values())
    result["generator_cpu_percent"] = round(100 * generator_cpu / (result["duration_us"] / 1e6))
    return result


def measured(command, env):
    """Runs the load generator; returns it and the CPU seconds it used (its children's, from getrusage), so
    that a reader sees when it competes with the server for the two cores."""
    def children():
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
    before = children()
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    return completed, children() - before


def pgbench(database, script, clients, seconds, variables, log_prefix):
    """One pgbench run (prepared statements, the way pgjdbc ends up running the adapter's SQL)."""
    command = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", str(min(2, clients)),
               "-T", str(seconds), "-f", str(script), "-l", f"--log-prefix={log_prefix}",
               "-h", database["host"], "-p", database["port"], "-U", database["user"]]
    for name, value in variables.items():
        command += ["-D", f"{name}={value}"]
    command.append(database["name"])
    completed, generator_cpu = measured(command, dict(os.environ, PGPASSWORD=database["password"]))
    if completed.returncode != 0:
        raise RuntimeError(f"pgbench failed ({completed.returncode}): {completed.stderr}")
    out = completed.stdout
    tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))
    failed = re.search(r"number of failed transactions: (\d+)", out)
    latencies = sorted(
        int(line.split()[2])
        for log in Path(log_prefix).parent.glob(Path(log_prefix).name + ".*")
        for line in log.read_text().splitlines())
    return {"requests": len(latencies), "per_second": tps, "failed": int(failed.group(1)) if failed else 0,
            "latency_us": percentiles(latencies), "generator_cpu_percent": round(100 * generator_cpu / seconds)}


def percentiles(sorted_values):
    if not sorted_values:
        return {}

    def at(p):
        return sorted_values[min(len(sorted_values) - 1, max(0, -(-len(sorted_values) * p // 100) - 1))]

    return {"mean": round(sum(sorted_values) / len(sorted_values), 1), "p50": at(50), "p90": at(90),
            "p99": at(99), "max": sorted_values[-1]}


class Profiler:
    """async-profiler (Maven Central's tools.profiler:async-profiler) attached to the server with jcmd."""

    VERSION = versions()["ASYNC_PROFILER_VERSION"]

    def __init__(self, tools_dir):
        self.library = tools_dir / "async-profiler" / "libasyncProfiler.so"
        if not self.library.exists():
            self._fetch(tools_dir)

    def _fetch(self, tools_dir):
        subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "dependency:copy",
                        f"-Dartifact=tools.profiler:async-profiler:{self.VERSION}",
                        f"-DoutputDirectory={tools_dir}"], check=True, cwd=ROOT)
        jar = tools_dir / f"async-profiler-{self.VERSION}.jar"
        self.library.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(jar) as archive:
            self.library.write_bytes(archive.read("linux-x64/libasyncProfiler.so"))

    def _command(self, pid, options):
        # jcmd would read "a=b" as one of its own options: the agent's options travel quoted.
        subprocess.run(["jcmd", str(pid), "JVMTI.agent_load", str(self.library), f'"{options}"'],
                       check=True, capture_output=True)

    def start(self, pid, event, html):
        self._command(pid, f"start,event={event},interval={'1ms' if event == 'cpu' else '5ms'},file={html}")

    def stop(self, pid, html, collapsed):
        self._command(pid, f"dump,collapsed,file={collapsed}")
        self._command(pid, f"stop,file={html}")
