#!/usr/bin/env python3
"""Load and read-back for the container's SIGTERM check (scripts/container/smoke.sh).

  readings.py load URL SECONDS OUT   POST readings from 4 clients until SECONDS pass or the server
                                     goes away; write the recorded_at of each 201 to OUT
  readings.py verify URL IN          fail unless every reading listed in IN is stored
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

ROOM = "/api/v1/buildings/smoke/rooms/sigterm/temperatures"
START = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=30)


def post(url, body):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status


def load(url, seconds, out):
    acknowledged, lock = [], threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number):
        sequence = 0
        while time.monotonic() < deadline:
            # Distinct milliseconds per client and request: every reading is its own row.
            at = START + timedelta(milliseconds=sequence * 4 + number)
            sequence += 1
            stamp = at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
            try:
                status = post(url + ROOM, {"temperature": 20.5, "recorded_at": stamp})
            except (urllib.error.URLError, ConnectionError, OSError):
                return  # the server went away: stop, as a client would until it is back
            if status == 201:
                with lock:
                    acknowledged.append(stamp)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with open(out, "w") as file:
        file.write("\n".join(acknowledged))
    print(f"{len(acknowledged)} readings acknowledged")


def instant(text):
    """The API writes 12:00:00Z for 12:00:00.000Z: compare moments, not strings."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def verify(url, path):
    with open(path) as file:
        acknowledged = {line.strip() for line in file if line.strip()}
    stored, page = set(), f"{ROOM}?limit=1000"
    while page:
        with urllib.request.urlopen(url + page, timeout=10) as answer:
            body = json.load(answer)
        stored.update(reading["recorded_at"] for reading in body["readings"])
        page = body.get("next")
    missing = {instant(a) for a in acknowledged} - {instant(s) for s in stored}
    if missing:
        sys.exit(f"{len(missing)} of {len(acknowledged)} acknowledged readings are missing, "
                 f"e.g. {sorted(missing)[:3]}")
    print(f"all {len(acknowledged)} acknowledged readings are stored ({len(stored)} in all)")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "load":
        load(sys.argv[2], float(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "verify":
        verify(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
