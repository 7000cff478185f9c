#!/usr/bin/env bash
# Builds local stand-ins for the database images of compose.timescale.yaml and compose.influx.yaml,
# tagged with the official names, from what `make services` already built and cached: Debian's
# PostgreSQL 15 with the cached TimescaleDB build, and the cached influxd. Skips (and says why) an
# image whose ingredients are not there; compose-run.sh then runs only the stacks it can.
#   scripts/container/stand-ins.sh
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/base-image.sh"
containers_conf
here="$ROOT/scripts/container/stand-ins"
# Bump when a Containerfile or entrypoint changes, so that cached stand-ins are rebuilt.
STAND_IN_VERSION=2

# build NAME TAG CONTEXT_SETUP...: builds unless TAG already carries this version's label.
build() {
  local name=$1 tag=$2 context=$3
  if [ "$(podman image inspect --format '{{index .Labels "temperature-api.stand-in"}}' "$tag" 2> /dev/null)" = "$STAND_IN_VERSION" ]; then
    log "$tag: stand-in v$STAND_IN_VERSION already built"
    return 0
  fi
  cp "$here/$name/Containerfile" "$here/$name/entrypoint.sh" "$context/"
  log "$tag: building the stand-in"
  logged "$CACHE/images/stand-in-$name.log" buildah bud --pull=never --isolation=chroot --format docker \
    --build-arg "BASE=$BASE_IMAGE" --label "temperature-api.stand-in=$STAND_IN_VERSION" -t "$tag" "$context"
}

work="$(mktemp -d /tmp/temperature-api-stand-ins.XXXXXX)"
trap 'rm -rf "$work"' EXIT

timescale_tag="docker.io/timescale/timescaledb:$TIMESCALEDB_VERSION-pg$TIMESCALEDB_PG_MAJOR"
timescale_cache="$CACHE/timescaledb-$TIMESCALEDB_VERSION-pg$TIMESCALEDB_PG_MAJOR"
if [ -f "$timescale_cache/.complete" ]; then
  mkdir -p "$work/timescaledb"
  cp -r "$timescale_cache/lib" "$timescale_cache/extension" "$work/timescaledb/"
  build timescaledb "$timescale_tag" "$work/timescaledb"
else
  log "skipping $timescale_tag: no TimescaleDB $TIMESCALEDB_VERSION build in $timescale_cache (make services makes it)"
fi

influx_version="${INFLUXD_VERSION#v}"
influx_tag="docker.io/library/influxdb:${influx_version%.*}"
influxd="$CACHE/influxd-$INFLUXD_VERSION/influxd"
if [ -x "$influxd" ]; then
  mkdir -p "$work/influxdb"
  cp "$influxd" "$work/influxdb/influxd"
  build influxdb "$influx_tag" "$work/influxdb"
else
  log "skipping $influx_tag: no influxd $influx_version in $(dirname "$influxd") (make services builds it)"
fi
