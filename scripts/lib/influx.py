#!/usr/bin/env python3
"""InfluxDB 2 administration the scripts share: the first set-up, buckets kept forever, and a token
that may only read and write given buckets, as production's service has (docs/adr/0011-least-privilege.md).
Imported by chaos/chaos.py and bench/engines.py; run by services/influxdb.sh:

    scripts/lib/influx.py prepare URL DIR ORG BUCKET...   set up (once), make the buckets, and keep in
        DIR the operator's token (operator-token) and one for BUCKET... alone (api-token)
Standard library only.
"""

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from common import logger

log = logger("influxdb")


class Influx:
    def __init__(self, url, token=None):
        self.url, self.token = url.rstrip("/"), token

    def call(self, method, path, body=None, content_type="application/json", timeout=120):
        data = json.dumps(body).encode() if isinstance(body, dict) else body.encode() if body else None
        headers = {"Content-Type": content_type, "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = "Token " + self.token
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
            return json.loads(text) if text else None

    def influxql(self, db, statement, timeout=120):
        """The series of an InfluxQL statement's one result, times in epoch ms; RuntimeError on its error."""
        query = urllib.parse.urlencode({"db": db, "q": statement, "epoch": "ms"})
        result = self.call("GET", "/query?" + query, timeout=timeout)["results"][0]
        if "error" in result:
            raise RuntimeError("InfluxQL: " + result["error"])
        return result.get("series", [])

    def setup(self, org, bucket, user, password, token):
        """The first set-up (org, bucket kept forever, operator token); False if it was done before."""
        if not self.call("GET", "/api/v2/setup")["allowed"]:
            return False
        self.call("POST", "/api/v2/setup", {"username": user, "password": password, "org": org,
                                           "bucket": bucket, "retentionPeriodSeconds": 0, "token": token})
        self.token = token
        return True

    def org_id(self, org):
        return self.call("GET", "/api/v2/orgs?" + urllib.parse.urlencode({"org": org}))["orgs"][0]["id"]

    def bucket_ids(self, org, name):
        try:
            found = self.call("GET", "/api/v2/buckets?" + urllib.parse.urlencode({"org": org, "name": name}))
        except urllib.error.HTTPError as e:
            if e.code == 404:  # InfluxDB's answer when no bucket has the name
                return []
            raise
        return [bucket["id"] for bucket in found["buckets"]]

    def bucket(self, org, name):
        """The bucket's id, made with no retention (kept forever) when it is missing."""
        ids = self.bucket_ids(org, name)
        return ids[0] if ids else self.call("POST", "/api/v2/buckets", {
            "orgID": self.org_id(org), "name": name, "retentionRules": []})["id"]

    def scoped_token(self, org, names, description):
        """A new token that may read and write the buckets named (made if missing), nothing else."""
        org_id = self.org_id(org)
        permissions = [{"action": action, "resource": {"type": "buckets", "id": bucket_id, "orgID": org_id}}
                       for bucket_id in [self.bucket(org, name) for name in names] for action in ("read", "write")]
        return self.call("POST", "/api/v2/authorizations", {
            "orgID": org_id, "description": description, "permissions": permissions})["token"]


def prepare(url, directory, org, *buckets):
    def path(name):
        return os.path.join(directory, name)

    def read(file):
        with open(file) as f:
            return f.read().strip()

    def keep(name, value):
        with open(os.open(path(name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.write(value)

    influx = Influx(url)
    operator = os.urandom(32).hex()
    if influx.setup(org, buckets[0], "temperature", os.urandom(16).hex(), operator):
        keep("operator-token", operator)
        log(f"set up org {org}, bucket {buckets[0]} (kept forever), the operator's token")
    elif not os.path.exists(path("operator-token")):
        sys.exit(f"InfluxDB at {url} is set up, but {path('operator-token')} is missing: stop it to start over")
    influx.token = read(path("operator-token"))
    # A token made before the last bucket existed cannot see it: made again.
    try:
        if os.path.exists(path("api-token")) and Influx(url, read(path("api-token"))).bucket_ids(org, buckets[-1]):
            return
    except urllib.error.HTTPError:
        pass  # a token the server does not know (any more)
    keep("api-token", influx.scoped_token(org, buckets, "temperature-api: read and write " + " and ".join(buckets)))
    log("made the API's token: read and write on buckets %s only" % ", ".join(buckets))


if __name__ == "__main__":
    if len(sys.argv) < 6 or sys.argv[1] != "prepare":
        sys.exit(__doc__)
    prepare(*sys.argv[2:])
