#!/bin/sh
# The API's InfluxDB token, made by the influxdb image at the instance's first start, after its
# set-up created the org, the bucket and the operator token (any executable *.sh file in
# /docker-entrypoint-initdb.d runs then, with INFLUX_HOST naming the set-up's server; Compose and
# the Kubernetes overlay mount this one there). It first makes the rollups' bucket,
# TEMPERATURE_API_ROLLUP_BUCKET (default <bucket>_rollups, storage.rollupBucket's default), with no
# retention (docs/storage/influxdb.md). The token may read and write DOCKER_INFLUXDB_INIT_BUCKET
# and the rollups' bucket and nothing else: no other bucket, no org, user or token
# administration (docs/adr/0011-least-privilege.md). InfluxDB makes tokens itself, so the token is
# left in TEMPERATURE_API_TOKEN_FILE (default /etc/influxdb2/temperature-api.token), readable by
# the user TEMPERATURE_API_UID (the API image's, 10001) when the set-up runs as root, else by the
# set-up's user only.
set -eu
host=${INFLUX_HOST:-http://localhost:${INFLUXD_INIT_PORT:-9999}}
file=${TEMPERATURE_API_TOKEN_FILE:-/etc/influxdb2/temperature-api.token}
bucket=${DOCKER_INFLUXDB_INIT_BUCKET:?DOCKER_INFLUXDB_INIT_BUCKET is not set}
rollups=${TEMPERATURE_API_ROLLUP_BUCKET:-${bucket}_rollups}
auth="Authorization: Token ${DOCKER_INFLUXDB_INIT_ADMIN_TOKEN:?DOCKER_INFLUXDB_INIT_ADMIN_TOKEN is not set}"

# InfluxDB answers indented JSON, one field a line; the first id and orgID are the bucket's.
field() { sed -n "s/^[[:space:]]*\"$1\": *\"\([^\"]*\)\".*/\1/p" | head -n 1; }

found=$(curl -fsS -H "$auth" "$host/api/v2/buckets?name=$bucket")
bucket_id=$(printf '%s\n' "$found" | field id)
org_id=$(printf '%s\n' "$found" | field orgID)
if [ -z "$bucket_id" ] || [ -z "$org_id" ]; then
  echo "api-token.sh: no bucket $bucket in: $found" >&2
  exit 1
fi
# 404 when there is none (no -f): then it is made.
rollups_id=$(curl -sS -H "$auth" "$host/api/v2/buckets?name=$rollups" | field id)
if [ -z "$rollups_id" ]; then
  rollups_id=$(curl -fsS -X POST -H "$auth" -H 'Content-Type: application/json' \
    --data "{\"orgID\":\"$org_id\",\"name\":\"$rollups\",\"retentionRules\":[]}" \
    "$host/api/v2/buckets" | field id)
fi
if [ -z "$rollups_id" ]; then
  echo "api-token.sh: could not make the rollups' bucket $rollups" >&2
  exit 1
fi
permissions=""
for id in "$bucket_id" "$rollups_id"; do
  resource="{\"type\":\"buckets\",\"id\":\"$id\",\"orgID\":\"$org_id\"}"
  permissions="$permissions${permissions:+,}{\"action\":\"read\",\"resource\":$resource},{\"action\":\"write\",\"resource\":$resource}"
done
made=$(curl -fsS -X POST -H "$auth" -H 'Content-Type: application/json' \
  --data "{\"orgID\":\"$org_id\",\"description\":\"temperature-api: read and write $bucket and $rollups\",\"permissions\":[$permissions]}" \
  "$host/api/v2/authorizations")
token=$(printf '%s\n' "$made" | field token)
if [ -z "$token" ]; then
  echo "api-token.sh: InfluxDB made no token" >&2
  exit 1
fi
mkdir -p "$(dirname "$file")"
(umask 077 && printf '%s' "$token" > "$file")
if [ "$(id -u)" = 0 ]; then
  chown "${TEMPERATURE_API_UID:-10001}" "$file"
fi
echo "api-token.sh: the API's token (read and write on $bucket and $rollups only) is in $file"
