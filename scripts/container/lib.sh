# Shared by scripts/container/*.sh (sourced, not run), on top of scripts/lib/common.sh. Everything
# slow is cached under ~/.cache/temperature-api/, keyed by version, like the test databases.
# shellcheck shell=bash
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# shellcheck disable=SC2034 # for the scripts that source this
{
  # The production base of the Dockerfile, and the local stand-in (scripts/container/base-image.sh)
  # tagged with its name; bump BASE_VERSION when the stand-in's package list changes.
  JRE_IMAGE=docker.io/library/eclipse-temurin:$TEMURIN_VERSION-jre
  BASE_VERSION=1
  BASE_IMAGE=localhost/jre$TEMURIN_VERSION-bookworm:v$BASE_VERSION
  IMAGE="${IMAGE:-localhost/temperature-api:local}"
  # The database images of compose.timescale.yaml and compose.influx.yaml (the minor release), which
  # scripts/container/stand-ins.sh makes.
  TIMESCALEDB_IMAGE=docker.io/timescale/timescaledb:$TIMESCALEDB_VERSION-pg$TIMESCALEDB_PG_MAJOR
  INFLUXDB_IMAGE=docker.io/library/influxdb:$(v=${INFLUXD_VERSION#v} && echo "${v%.*}")
  # The tools scripts/container/tools.sh installs.
  HADOLINT="$TOOLS/hadolint-$HADOLINT_VERSION/bin/hadolint"
  ACTIONLINT="$TOOLS/actionlint-$ACTIONLINT_VERSION/actionlint"
  COMPOSE="$TOOLS/compose-$COMPOSE_VERSION/docker-compose"
}

# Compose reads these from the environment before any env file, and `make test` exports the test
# databases' ones: the stacks must get theirs from the env file alone, as a user's would.
unset BIND_ADDRESS API_PORT API_ADMIN_PORT POSTGRES_PASSWORD POSTGRES_MIGRATIONS_PASSWORD \
  POSTGRES_SUPERUSER_PASSWORD INFLUX_PASSWORD INFLUX_OPERATOR_TOKEN

# crun, podman's default runtime, fails here ("cgroups in hybrid mode"), and podman's default
# ulimits exceed the hard nofile limit of these machines: one containers.conf fixes both.
containers_conf() {
  local conf="$CACHE/containers.conf"
  if [ ! -f "$conf" ]; then
    mkdir -p "$CACHE"
    cat > "$conf" <<'CONF'
# Written by scripts/container/lib.sh.
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]

[engine]
runtime = "runc"
CONF
  fi
  export CONTAINERS_CONF="$conf"
}
