#!/usr/bin/env bash
# Builds the container image from the jar Maven built (the Dockerfile's `prebuilt` target, since
# no registry serves Maven's base image here) on the local stand-in of the production base, after
# linting the Dockerfile. Prints the image's size.
#   scripts/container/image.sh          (make image)
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/tools.sh"
"$ROOT/scripts/container/base-image.sh"
containers_conf

log "hadolint Dockerfile"
"$HADOLINT" "$ROOT/Dockerfile"

# The jar, rebuilt only if a source is newer (after `make test`'s Maven run it is current).
make -s -C "$ROOT" build

log "buildah bud --target prebuilt -t $IMAGE"
logged "$CACHE/images/build.log" buildah bud --pull=never --isolation=chroot --format docker --target prebuilt \
  --build-arg "JRE_IMAGE=$JRE_IMAGE" \
  --label temperature-api.build=local \
  --label "org.opencontainers.image.revision=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)" \
  -t "$IMAGE" "$ROOT"
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
log "built $IMAGE: $((size / 1000000)) MB (base $JRE_IMAGE: $(($(podman image inspect --format '{{.Size}}' "$JRE_IMAGE") / 1000000)) MB)"
# Each build moves the tag; drop the images it left untagged.
podman image prune -f --filter label=temperature-api.build=local > /dev/null
