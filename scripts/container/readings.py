#!/usr/bin/env python3
"""Load and read-back for the container's SIGTERM check (scripts/container/smoke.sh).

  readings.py load URL SECONDS OUT   POST readings from 4 clients until SECONDS pass or the server
                                     goes away; write the recorded_at of each 201 to OUT
  readings.py verify URL IN          fail unless every reading listed in IN is stored
"""
import json
import os
import sys
import threading
import time
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from common import epoch_ms, iso, listing

ROOM = "/api/v1/buildings/smoke/rooms/sigterm/temperatures"
START_MS = (int(time.time()) - 1800) * 1000


def load(url, seconds, out):
    acknowledged, lock = [], threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number):
        sequence = 0
        while time.monotonic() < deadline:
            # Distinct milliseconds per client and request: every reading is its own row.
            stamp = iso(START_MS + sequence * 4 + number)
            sequence += 1
            body = json.dumps({"temperature": 20.5, "recorded_at": stamp}).encode()
            request = urllib.request.Request(url + ROOM, data=body, headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    status = answer.status
            except OSError:
                return  # the server went away (or answered an error): stop, as a client would until it is back
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


def verify(url, path):
    # The API writes 12:00:00Z for 12:00:00.000Z: compare moments, not strings.
    with open(path) as file:
        acknowledged = {epoch_ms(line.strip()) for line in file if line.strip()}
    stored = {epoch_ms(reading["recorded_at"]) for reading in listing(f"{url}{ROOM}?limit=1000", timeout=10)}
    missing = sorted(acknowledged - stored)
    if missing:
        sys.exit(f"{len(missing)} of {len(acknowledged)} acknowledged readings are missing, "
                 f"e.g. {[iso(ms) for ms in missing[:3]]}")
    print(f"all {len(acknowledged)} acknowledged readings are stored ({len(stored)} in all)")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "load":
        load(sys.argv[2], float(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "verify":
        verify(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
