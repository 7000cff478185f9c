"""What the Python scripts of scripts/ share: the pinned versions (scripts/versions.env), free ports,
waiting, HTTP, timestamps, and the jar and other servers as processes. Standard library only. Import it with

    sys.path.insert(0, os.path.join(<scripts folder>, "lib"))
    import common
"""

import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "bootstrap", "target", "temperature-api.jar")
CACHE = os.environ.get("TEMPERATURE_API_CACHE") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "temperature-api")


def versions():
    """scripts/versions.env as a dict; a variable of the same name in the environment wins."""
    pinned = {}
    with open(os.path.join(ROOT, "scripts", "versions.env")) as f:
        for line in f:
            name, sep, value = line.strip().partition("=")
            if sep and not name.startswith("#"):
                pinned[name] = os.environ.get(name) or value
    return pinned


def logger(name):
    def log(message):
        print(f"[{name}] {message}", file=sys.stderr, flush=True)
    return log


class Failed(RuntimeError):
    """A check or a start-up that did not go as it must; the message says what happened."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout, what, interval=0.1):
    """Calls check until it is true (an OSError counts as not yet); Failed after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(interval)
    raise Failed(f"timed out after {timeout}s waiting for {what}")


def http_get(url, headers=None, timeout=30):
    """(status, body as text); an error status is an answer too, no connection is (None, "")."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except OSError:
        return None, ""


def get_json(url, timeout=30):
    """The JSON of a 200 answer; Failed on any other."""
    status, body = http_get(url, timeout=timeout)
    if status != 200:
        raise Failed(f"GET {url} answered {status}: {body[:300]}")
    return json.loads(body)


def listing(url, timeout=30):
    """Every reading of a room's listing (GET .../temperatures?...), page by page."""
    while url:
        page = get_json(url, timeout)
        yield from page["readings"]
        url = page["next"] and urllib.parse.urljoin(url, page["next"])


def iso(ms):
    """Epoch milliseconds as the API writes them: 2026-01-02T03:04:05.678Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + f".{ms % 1000:03d}Z"


def epoch_ms(text):
    """An ISO-8601 instant (Z or an offset) as epoch milliseconds."""
    at = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (at - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)) // datetime.timedelta(milliseconds=1)


class Group:
    """A process started in its own session, so that it and every process it starts (PostgreSQL's
    backends) can be killed together by the one group id, as a crash would take them. Every one
    started is in Group.started, for a last clean-up."""

    started = []

    def __init__(self, command, log_path, env=None, cwd=None):
        self.log_path = log_path
        with open(log_path, "ab") as out:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                            env=env, cwd=cwd, start_new_session=True)
        Group.started.append(self)

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def kill9(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()

    def stop(self, timeout=60):
        """SIGTERM, then SIGKILL to the group if it has not exited after timeout seconds."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill9()

    def tail(self, lines=40):
        with open(self.log_path, "rb") as f:
            return b"\n".join(f.read().splitlines()[-lines:]).decode("utf-8", "replace")

    @classmethod
    def kill_all(cls):
        for group in cls.started:
            if group.alive():
                group.kill9()


class Jar(Group):
    """The service's jar on free loopback ports (PORT and ADMIN_PORT), started and waited for."""

    def __init__(self, config, log_path, env=None, java_options=(), jar=JAR, cwd=None, port=None, admin_port=None):
        self.port, self.admin_port = port or free_port(), admin_port or free_port()
        env = dict(os.environ if env is None else env, PORT=str(self.port), ADMIN_PORT=str(self.admin_port))
        super().__init__(["java", *java_options, "-jar", str(jar), "server", str(config)], log_path, env, cwd)

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def admin_url(self, path=""):
        return f"http://127.0.0.1:{self.admin_port}{path}"

    def task(self, name, timeout=60):
        """POST to the admin task name (e.g. rebuild-rollups); its answer as text."""
        request = urllib.request.Request(self.admin_url("/tasks/" + name), data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read().decode().strip()

    def wait_ready(self, path="/api/v1/buildings", admin=False, timeout=180):
        """Until path answers 200 (on the admin port if admin); Failed, with the log, if it exits."""
        url = self.admin_url(path) if admin else self.url(path)

        def ready():
            if not self.alive():
                raise Failed(f"the jar exited ({self.process.returncode}) during start-up; {self.log_path}:\n"
                             + self.tail())
            return http_get(url, timeout=2)[0] == 200
        wait_until(ready, timeout, f"the jar on port {self.port}", interval=0.2)
        return self
