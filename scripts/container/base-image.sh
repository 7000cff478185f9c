#!/usr/bin/env bash
# There is no image registry here, so the Dockerfile's production base (eclipse-temurin:17-jre)
# cannot be pulled. This makes a stand-in once with debootstrap (Debian 12, its OpenJDK 17 JRE and
# curl, as Temurin's image has), caches the root file system as a tarball, imports it into podman's
# storage and tags it with the production base's name, so that the Dockerfile builds unchanged.
#   scripts/container/base-image.sh
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

# Bump when the package list changes: the tarball is cached under this name.
BASE_VERSION=1
PACKAGES=openjdk-17-jre-headless,curl,ca-certificates
TARBALL="$CACHE/images/jre17-bookworm-v$BASE_VERSION.tar"

make_tarball() {
  local root mirror
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || die "cannot tell which Debian mirror apt uses"
  root="$(mktemp -d /tmp/temperature-api-base.XXXXXX)"
  trap 'rm -rf "$root"' RETURN
  log "debootstrap bookworm with $PACKAGES (about 70 s; once, cached in $TARBALL)"
  debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" "$mirror" \
    > "$CACHE/images/debootstrap.log" 2>&1 || {
    tail -20 "$CACHE/images/debootstrap.log" >&2
    die "debootstrap failed"
  }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -cf "$TARBALL.tmp" .
  mv "$TARBALL.tmp" "$TARBALL"
}

containers_conf
mkdir -p "$CACHE/images"
exec 9> "$CACHE/images/.base.lock"
flock -w 900 9 || die "another base image build holds $CACHE/images/.base.lock"
[ -f "$TARBALL" ] || make_tarball

local_name="localhost/jre17-bookworm:v$BASE_VERSION"
if ! podman image exists "$local_name"; then
  log "importing $TARBALL as $local_name"
  podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$TARBALL" "$local_name" > /dev/null
fi
podman tag "$local_name" "$JRE_IMAGE"
log "$JRE_IMAGE is the local stand-in $local_name"
