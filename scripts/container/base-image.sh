#!/usr/bin/env bash
# There is no image registry here, so the Dockerfile's production base (eclipse-temurin:<TEMURIN_VERSION>-jre)
# cannot be pulled. This makes a stand-in once with debootstrap (Debian 12, its OpenJDK JRE of that
# version and curl, as Temurin's image has), caches the root file system as a tarball, imports it into
# podman's storage and tags it with the production base's name, so that the Dockerfile builds unchanged.
#   scripts/container/base-image.sh
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

PACKAGES=openjdk-$TEMURIN_VERSION-jre-headless,curl,ca-certificates
TARBALL="$CACHE/images/jre$TEMURIN_VERSION-bookworm-v$BASE_VERSION.tar" # BASE_VERSION: lib.sh

make_tarball() {
  local root mirror
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || die "cannot tell which Debian mirror apt uses"
  root="$(mktemp -d /tmp/temperature-api-base.XXXXXX)"
  trap 'rm -rf "$root"' RETURN
  log "debootstrap bookworm with $PACKAGES (about 70 s; once, cached in $TARBALL)"
  logged "$CACHE/images/debootstrap.log" debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" "$mirror"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -cf "$TARBALL.tmp" .
  mv "$TARBALL.tmp" "$TARBALL"
}

containers_conf
mkdir -p "$CACHE/images"
exec 9> "$CACHE/images/.base.lock"
flock -w 900 9 || die "another base image build holds $CACHE/images/.base.lock"
[ -f "$TARBALL" ] || make_tarball

if ! podman image exists "$BASE_IMAGE"; then
  log "importing $TARBALL as $BASE_IMAGE"
  podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$TARBALL" "$BASE_IMAGE" > /dev/null
fi
podman tag "$BASE_IMAGE" "$JRE_IMAGE"
log "$JRE_IMAGE is the local stand-in $BASE_IMAGE"
