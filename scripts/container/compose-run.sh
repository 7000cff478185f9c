#!/usr/bin/env bash
# Runs Compose stacks for real through podman's Docker-compatible API, as `docker compose` would
# against Docker. Each stack runs with its own files plus an override that only adapts it to these
# machines: host networking (the bridge's addresses are off-limits here), free ports, and the
# Dockerfile's prebuilt target (no registry serves Maven's base image).
#   scripts/container/compose-run.sh [sqlite|timescale|influx]...   (default: every stack whose
#                                                                    database images exist)
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/image.sh"
containers_conf
compose="$("$ROOT/scripts/container/tools.sh" path compose)"
# Compose reads these from the environment before any env file, and `make test` exports the test
# databases' ones: the stacks must get theirs from the env file alone, as a user's would.
unset POSTGRES_PASSWORD INFLUX_PASSWORD INFLUX_TOKEN API_PORT API_ADMIN_PORT

work="$(mktemp -d /tmp/temperature-api-compose.XXXXXX)"
socket="$work/podman.sock"
project="temperature-api-check-$$"
service_pid=""
healthchecks_pid=""
cleanup() {
  if [ -n "${stack_files:-}" ]; then
    # shellcheck disable=SC2086
    "$compose" $stack_files -p "$project" down -v -t 10 > /dev/null 2>&1 || true
  fi
  [ -z "$healthchecks_pid" ] || kill "$healthchecks_pid" 2> /dev/null || true
  [ -z "$service_pid" ] || kill "$service_pid" 2> /dev/null || true
  podman image prune -f --filter label=temperature-api.build=local > /dev/null 2>&1 || true
  # `down -v` through podman's API can leave a volume behind; these are this run's only.
  podman volume ls -q --filter "label=com.docker.compose.project=$project" \
    | xargs -r podman volume rm -f > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# podman's API builds with buildah; only chroot isolation works on these machines.
BUILDAH_ISOLATION=chroot podman system service --time=0 "unix://$socket" > "$work/podman.log" 2>&1 &
service_pid=$!
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
export DOCKER_HOST="unix://$socket"
# The engine's classic build API, which podman serves; BuildKit would start a builder container
# pulled from a registry.
export DOCKER_BUILDKIT=0 COMPOSE_BAKE=false

# podman runs HEALTHCHECKs only under systemd; run them by hand so that health checks and
# `depends_on: condition: service_healthy` behave as under Docker.
run_healthchecks() {
  while true; do
    podman ps -q --filter "label=com.docker.compose.project=$project" 2> /dev/null \
      | while read -r id; do podman healthcheck run "$id" > /dev/null 2>&1 || true; done
    sleep 2
  done
}
run_healthchecks &
healthchecks_pid=$!

# run_stack NAME FILE: brings the stack up on free ports (the database on DB_PORT), talks to it,
# restarts the API, talks to it again, takes the stack down with its volumes.
run_stack() {
  local name=$1 file=$2 port admin override="$work/$1.override.yaml"
  port=$(free_port)
  admin=$(free_port)
  {
    cat << YAML
services:
  api:
    build:
      target: prebuilt
      labels:
        temperature-api.build: local
    network_mode: host
    ports: !reset []
    environment:
      PORT: "$port"
      ADMIN_PORT: "$admin"
YAML
    case "$name" in
      timescale)
        cat << YAML
      POSTGRES_URL: jdbc:postgresql://127.0.0.1:$DB_PORT/temperature
  timescaledb:
    network_mode: host
    command: ["postgres", "-c", "port=$DB_PORT", "-c", "listen_addresses=127.0.0.1"]
    healthcheck:
      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-p", "$DB_PORT", "-U", "temperature", "-d", "temperature"]
YAML
        ;;
      influx)
        cat << YAML
      INFLUX_URL: http://127.0.0.1:$DB_PORT
  influxdb:
    network_mode: host
    environment:
      INFLUXD_HTTP_BIND_ADDRESS: 127.0.0.1:$DB_PORT
      INFLUXD_INIT_PORT: "$(free_port)"
    healthcheck:
      test: ["CMD", "curl", "-fsS", "http://127.0.0.1:$DB_PORT/health"]
YAML
        ;;
    esac
  } > "$override"
  stack_files="-f $ROOT/$file -f $override --env-file $ROOT/.env.example"
  local started=$SECONDS
  log "$name: docker compose -f $file up -d --build (through podman)"
  # shellcheck disable=SC2086
  "$compose" $stack_files -p "$project" up -d --build \
    > "$work/$name.up.log" 2>&1 || {
    tail -30 "$work/$name.up.log" >&2
    die "$name: compose up failed"
  }
  if ! wait_for "http://127.0.0.1:$admin/health/ready" 120; then
    # shellcheck disable=SC2086
    "$compose" $stack_files -p "$project" logs --tail 30 >&2 || true
    die "$name: the API did not become ready"
  fi
  local api="http://127.0.0.1:$port" average
  "$ROOT/scripts/smoke-test.sh" "$api" main kitchen
  # shellcheck disable=SC2086
  "$compose" $stack_files -p "$project" restart api > "$work/$name.restart.log" 2>&1 || {
    cat "$work/$name.restart.log" >&2
    die "$name: compose restart api failed"
  }
  wait_for "http://127.0.0.1:$admin/health/ready" 120 || die "$name: not ready after a restart"
  average=$(curl -fsS "$api/api/v1/buildings/main/rooms/kitchen/temperatures/average?duration=15m")
  grep -q '"average":10.5' <<< "$average" || die "$name: unexpected average after a restart: $average"
  # shellcheck disable=SC2086
  "$compose" $stack_files -p "$project" down -v -t 30 > /dev/null 2>&1
  stack_files=""
  log "$name: up, the prototype's calls, a restart that kept the reading, down: $((SECONDS - started)) s"
}

stacks=("$@")
if [ ${#stacks[@]} -eq 0 ]; then
  stacks=(sqlite)
  podman image exists docker.io/timescale/timescaledb:2.19.3-pg15 && stacks+=(timescale)
  podman image exists docker.io/library/influxdb:2.7 && stacks+=(influx)
fi
for stack in "${stacks[@]}"; do
  DB_PORT=$(free_port)
  case "$stack" in
    sqlite) run_stack sqlite compose.yaml ;;
    timescale) run_stack timescale compose.timescale.yaml ;;
    influx) run_stack influx compose.influx.yaml ;;
    *) die "unknown stack $stack" ;;
  esac
done
