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

timescale_cache="$CACHE/timescaledb-$TIMESCALEDB_VERSION-pg$TIMESCALEDB_PG_MAJOR"
if [ -f "$timescale_cache/.complete" ]; then
  mkdir -p "$work/timescaledb"
  cp -r "$timescale_cache/lib" "$timescale_cache/extension" "$work/timescaledb/"
  build timescaledb "$TIMESCALEDB_IMAGE" "$work/timescaledb"
else
  log "skipping $TIMESCALEDB_IMAGE: no TimescaleDB $TIMESCALEDB_VERSION build in $timescale_cache (make services makes it)"
fi

influxd="$CACHE/influxd-$INFLUXD_VERSION/influxd"
if [ -x "$influxd" ]; then
  mkdir -p "$work/influxdb"
  cp "$influxd" "$work/influxdb/influxd"
  build influxdb "$INFLUXDB_IMAGE" "$work/influxdb"
else
  log "skipping $INFLUXDB_IMAGE: no influxd $INFLUXD_VERSION in $(dirname "$influxd") (make services builds it)"
fi
