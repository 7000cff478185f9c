#!/bin/sh
# The official image's contract, in short: with DOCKER_INFLUXDB_INIT_MODE=setup and no data yet,
# run influxd on INFLUXD_INIT_PORT (not the served port, so that health checks pass only once set
# up), create the user, org, bucket and admin token, run the executable *.sh scripts of
# /docker-entrypoint-initdb.d in name order with INFLUX_HOST naming that server, stop it, then run
# influxd for real.
set -eu
mkdir -p /var/lib/influxdb2 /etc/influxdb2
if [ "${DOCKER_INFLUXDB_INIT_MODE:-}" = setup ] && [ ! -s "$INFLUXD_BOLT_PATH" ]; then
  init="127.0.0.1:${INFLUXD_INIT_PORT:-9999}"
  influxd --http-bind-address "$init" > /tmp/influxd-init.log 2>&1 &
  pid=$!
  tries=0
  until curl -fsS -o /dev/null "http://$init/health"; do
    tries=$((tries + 1))
    [ "$tries" -lt 120 ] || { cat /tmp/influxd-init.log >&2; exit 1; }
    sleep 0.5
  done
  body=$(printf '{"username":"%s","password":"%s","org":"%s","bucket":"%s","token":"%s"}' \
    "$DOCKER_INFLUXDB_INIT_USERNAME" "$DOCKER_INFLUXDB_INIT_PASSWORD" \
    "$DOCKER_INFLUXDB_INIT_ORG" "$DOCKER_INFLUXDB_INIT_BUCKET" "$DOCKER_INFLUXDB_INIT_ADMIN_TOKEN")
  curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' --data "$body" "http://$init/api/v2/setup"
  export INFLUX_HOST="http://$init"
  for script in /docker-entrypoint-initdb.d/*.sh; do
    if [ -x "$script" ]; then
      "$script"
    fi
  done
  kill "$pid"
  wait "$pid" || true
fi
exec "$@"
