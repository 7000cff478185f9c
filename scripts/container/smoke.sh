#!/usr/bin/env bash
# Runs the image as an operator would, on SQLite with a volume, and checks it: the prototype's two
# calls, a process that is not root, the service's counters in /metrics, the image's HEALTHCHECK,
# and SIGTERM under load: the container stops within Docker's 10 s grace period and a new one on
# the same volume holds every reading that was acknowledged.
#   scripts/container/smoke.sh        (make image-check; builds the image first)
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/image.sh"
containers_conf

work="$(mktemp -d /tmp/temperature-api-smoke.XXXXXX)"
name="temperature-api-smoke-$$"
cleanup() {
  podman rm -f -t 0 "$name" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/data"
chown 10001:10001 "$work/data" # the image's user; a named volume would be set up the same way

# Host networking only on these machines, so the ports are chosen free rather than 5000/5001.
port=$(free_port)
admin=$(free_port)
api="http://127.0.0.1:$port"
start() {
  podman run -d --name "$name" --network=host -e PORT="$port" -e ADMIN_PORT="$admin" \
    -v "$work/data:/data" "$IMAGE" > /dev/null
  wait_for "http://127.0.0.1:$admin/health/ready" 60 || {
    podman logs "$name" 2>&1 | tail -30 >&2
    die "the container did not become ready"
  }
}

start
log "prototype's calls against $api"
"$ROOT/scripts/smoke-test.sh" "$api" main kitchen

uid=$(podman exec "$name" awk '/^Uid:/ {print $2}' /proc/1/status)
[ "$uid" != 0 ] || die "the JVM runs as root"
log "the JVM (PID 1) runs as uid $uid"

metrics=$(curl -fsS "http://127.0.0.1:$admin/metrics")
for series in 'temperature_api_readings_stored_total{storage="sqlite"} 1.0' \
  'temperature_api_append_batch_size_count{storage="sqlite"} 1' \
  'temperature_api_storage_failures_total{kind="unavailable",operation="append",storage="sqlite"} 0.0' \
  'jvm_memory_heap_used '; do
  grep -qF "$series" <<< "$metrics" || die "/metrics lacks: $series"
done
podman healthcheck run "$name" > /dev/null || die "the image's HEALTHCHECK fails"
log "/metrics has the service's counters; HEALTHCHECK passes"

log "SIGTERM under load from 4 clients"
python3 "$ROOT/scripts/container/readings.py" load "$api" 20 "$work/acknowledged" &
load=$!
sleep 3
stopped_at=$(date +%s%N)
podman kill --signal TERM "$name" > /dev/null
exit_code=$(timeout 20 podman wait "$name") || die "the container still runs 20 s after SIGTERM"
elapsed_ms=$((($(date +%s%N) - stopped_at) / 1000000))
wait "$load"
log "stopped $elapsed_ms ms after SIGTERM (exit code $exit_code)"
[ "$elapsed_ms" -lt 10000 ] || die "SIGTERM took longer than Docker's 10 s grace period"

podman rm "$name" > /dev/null
start
python3 "$ROOT/scripts/container/readings.py" verify "$api" "$work/acknowledged"
echo "$elapsed_ms" > "$CACHE/images/last-sigterm-ms"
log "ok"
