#!/usr/bin/env bash
# What .dockerignore keeps out of an image's build context, asked of the builder itself: a context
# holding the repository's .dockerignore and a file at every place a secret of this repository
# lives or could (Compose's .env, the overlays' *.env, the test services' passwords and tokens, keys)
# is copied whole into an image whose build lists what arrived. No secret may arrive; the examples,
# the sources and the prebuilt jar must. The Dockerfile's build stage copies the context whole, so a
# secret in it would sit in a layer of the build cache.
#   scripts/container/context-check.sh
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/base-image.sh"
containers_conf
tag=localhost/temperature-api-context-check:latest
work="$(mktemp -d /tmp/temperature-api-context.XXXXXX)"
trap 'rm -rf "$work"; buildah rmi -f "$tag" > /dev/null 2>&1 || true' EXIT

secrets=(
  .env .env.local .services.env .services/influxdb.env .services/influxdb/api-token
  .services/postgres/superuser.password
  deploy/k8s/overlays/timescale/timescaledb.env deploy/k8s/overlays/influx/influxdb.env
  deploy/k8s/overlays/influx/api-token.env deploy/k8s/overlays/sqlite/tokens.env
  somewhere/deep/.env somewhere/deep/app.env tls/server.key tls/server.pem tls/keystore.p12
  tls/keystore.jks run/influx.token run/db.password
)
kept=(
  .env.example deploy/k8s/overlays/timescale/timescaledb.env.example
  deploy/k8s/overlays/timescale/roles.sh config.yml compose.yaml src/Main.java
  bootstrap/target/temperature-api.jar
)
context="$work/context"
for file in "${secrets[@]}" "${kept[@]}"; do
  mkdir -p "$context/$(dirname "$file")"
  echo "$file" > "$context/$file"
done
cp "$ROOT/.dockerignore" "$context/.dockerignore"
printf 'FROM %s\nCOPY . /context/\nRUN cd /context && find . -type f -printf "arrived %%P\\n"\n' "$BASE_IMAGE" \
  > "$work/Containerfile"
logged "$work/build.log" buildah bud --pull=never --isolation=chroot --layers=false -f "$work/Containerfile" \
  -t "$tag" "$context"
arrived=$(sed -n 's/^arrived //p' "$work/build.log")
for file in "${secrets[@]}"; do
  ! grep -qxF "$file" <<< "$arrived" || die "$file entered the build context: .dockerignore must keep it out"
done
for file in "${kept[@]}"; do
  grep -qxF "$file" <<< "$arrived" || die "$file was kept out of the build context, which needs it"
done
log "the build context holds none of ${#secrets[@]} secret files and all of ${#kept[@]} needed ones"
