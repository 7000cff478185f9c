#!/usr/bin/env bash
# Runs Compose stacks for real through podman's Docker-compatible API, as `docker compose` would
# against Docker. Each stack runs with its own files plus an override that only adapts it to these
# machines: host networking (the bridge's addresses are off-limits here), free ports, and the
# Dockerfile's prebuilt target (no registry serves Maven's base image). Against the running stacks
# it checks least privilege too (docs/adr/0011-least-privilege.md): on PostgreSQL the API's
# sessions are a role that is no superuser and may create nothing; on InfluxDB the API's token is
# not the operator's and cannot read or write another bucket.
#   scripts/container/compose-run.sh [sqlite|timescale|influx]...   (default: every stack whose
#                                                                    database images exist)
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/image.sh"
containers_conf
# The example secrets the stacks run with here, for the checks that log in as the set-up would.
example() { sed -n "s/^$1=//p" "$ROOT/.env.example"; }

work="$(mktemp -d /tmp/temperature-api-compose.XXXXXX)"
socket="$work/podman.sock"
project="temperature-api-check-$$"
service_pid=""
healthchecks_pid=""
cleanup() {
  if [ -n "${stack_files:-}" ]; then
    # shellcheck disable=SC2086
    "$COMPOSE" $stack_files -p "$project" down -v -t 10 > /dev/null 2>&1 || true
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
      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-p", "$DB_PORT", "-U", "postgres", "-d", "temperature"]
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
  logged "$work/$name.up.log" "$COMPOSE" $stack_files -p "$project" up -d --build
  if ! wait_for "http://127.0.0.1:$admin/health/ready" 120; then
    # shellcheck disable=SC2086
    "$COMPOSE" $stack_files -p "$project" logs --tail 30 >&2 || true
    die "$name: the API did not become ready"
  fi
  local api="http://127.0.0.1:$port" average
  "$ROOT/scripts/smoke-test.sh" "$api" main kitchen
  # shellcheck disable=SC2086
  logged "$work/$name.restart.log" "$COMPOSE" $stack_files -p "$project" restart api
  wait_for "http://127.0.0.1:$admin/health/ready" 120 || die "$name: not ready after a restart"
  average=$(curl -fsS "$api/api/v1/buildings/main/rooms/kitchen/temperatures/average?duration=15m")
  grep -q '"average":10.5' <<< "$average" || die "$name: unexpected average after a restart: $average"
  case "$name" in
    timescale) check_database_role ;;
    influx) check_influx_token ;;
  esac
  # shellcheck disable=SC2086
  "$COMPOSE" $stack_files -p "$project" down -v -t 30 > /dev/null 2>&1
  stack_files=""
  log "$name: up, the prototype's calls, a restart that kept the reading, down: $((SECONDS - started)) s"
}

# What the API's sessions on PostgreSQL are, seen by the superuser: the serving role, which is no
# superuser and may create nothing in the database or its schema; and its owner is none either.
check_database_role() {
  local sessions owner
  sessions=$(superuser_sql "SELECT DISTINCT r.rolname || ' ' || r.rolsuper || ' '
      || has_database_privilege(r.oid, current_database(), 'CREATE') || ' '
      || has_schema_privilege(r.oid, 'public', 'CREATE')
    FROM pg_stat_activity a JOIN pg_roles r ON r.oid = a.usesysid
    WHERE a.application_name = 'temperature-api' AND a.datname = current_database()")
  [ "$sessions" = "temperature_api false false false" ] \
    || die "timescale: the API's sessions are (role, superuser, CREATE on database, on schema): $sessions"
  owner=$(superuser_sql "SELECT r.rolname || ' ' || r.rolsuper FROM pg_database d
    JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = current_database()")
  [ "$owner" = "temperature false" ] || die "timescale: the database's owner (role, superuser) is: $owner"
  log "timescale: the API serves as temperature_api: no superuser, no CREATE on the database or schema; its owner temperature is no superuser"
}

superuser_sql() {
  PGPASSWORD="$(example POSTGRES_SUPERUSER_PASSWORD)" psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 \
    -p "$DB_PORT" -U postgres -d temperature -c "$1" || die "timescale: cannot ask PostgreSQL: $1"
}

# The API's InfluxDB token, as its process has it: not the operator's, and refused on a bucket of
# another's (a Flux read and a write), while its own bucket and the rollups' answer.
check_influx_token() {
  local token operator org_id read write own rollups
  # shellcheck disable=SC2086
  token=$("$COMPOSE" $stack_files -p "$project" exec -T api sh -c 'tr "\0" "\n" < /proc/1/environ' \
    | sed -n 's/^INFLUX_TOKEN=//p')
  [ -n "$token" ] || die "influx: the API's process has no INFLUX_TOKEN"
  operator=$(example INFLUX_OPERATOR_TOKEN)
  [ "$token" != "$operator" ] || die "influx: the API runs with the operator token"
  org_id=$(influx "$operator" GET "orgs?org=temperature" | sed -n 's/^[[:space:]]*"id": *"\([0-9a-f]*\)".*/\1/p' | head -n 1)
  influx "$operator" POST buckets -f -o /dev/null -H 'Content-Type: application/json' \
    --data "{\"orgID\":\"$org_id\",\"name\":\"another\",\"retentionRules\":[]}" \
    || die "influx: the operator could not make a second bucket"
  write_another "$operator" 1 -f > /dev/null || die "influx: the operator could not write to the second bucket"
  read=$(flux "$token" 'from(bucket: "another") |> range(start: 0)')
  write=$(write_another "$token" 2)
  own=$(flux "$token" 'from(bucket: "temperature") |> range(start: 0) |> limit(n: 1)')
  rollups=$(flux "$token" 'from(bucket: "temperature_rollups") |> range(start: 0) |> limit(n: 1)')
  case "$read $write" in
    401\ 40[134] | 403\ 40[134] | 404\ 40[134]) ;;
    *) die "influx: the API's token on another bucket: read answered $read, write $write; expected 401, 403 or 404" ;;
  esac
  [ "$own" = 200 ] || die "influx: the API's token on its own bucket answered $own"
  [ "$rollups" = 200 ] || die "influx: the API's token on the rollups' bucket answered $rollups"
  log "influx: the API's token is not the operator's; on another bucket a read answers $read, a write $write; its own bucket and the rollups' 200"
}

# influx TOKEN METHOD PATH [CURL ARGS...]: InfluxDB's /api/v2/PATH with TOKEN.
influx() {
  local token=$1 method=$2 path=$3
  shift 3
  curl -sS -X "$method" -H "Authorization: Token $token" "$@" "http://127.0.0.1:$DB_PORT/api/v2/$path"
}
# flux TOKEN QUERY, write_another TOKEN VALUE [CURL ARGS...]: the status of a Flux query, of a write
# to bucket another.
flux() { influx "$1" POST "query?org=temperature" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/vnd.flux' --data "$2"; }
write_another() {
  influx "$1" POST "write?org=temperature&bucket=another&precision=s" -o /dev/null -w '%{http_code}' \
    --data-binary "temperature,building_id=b,room_id=r temperature=$2 1700000000" "${@:3}"
}

stacks=("$@")
if [ ${#stacks[@]} -eq 0 ]; then
  stacks=(sqlite)
  podman image exists "$TIMESCALEDB_IMAGE" && stacks+=(timescale)
  podman image exists "$INFLUXDB_IMAGE" && stacks+=(influx)
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
