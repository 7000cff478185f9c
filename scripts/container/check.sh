#!/usr/bin/env bash
# Every container check, as `make test` runs them after the Maven build: lint the Dockerfile and
# the workflow, check that .dockerignore keeps secrets out of the build context, validate the
# Compose files, build and exercise the image, and run the Compose stacks for real. Each step is also runnable alone (see the Makefile). Prints each step's time.
#   scripts/container/check.sh
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$CACHE"
# One run at a time per machine: the steps share podman's image storage and tags.
exec 8> "$CACHE/container-check.lock"
flock -w 1800 8 || die "another container check holds $CACHE/container-check.lock"

total=$SECONDS
step() {
  local started=$SECONDS
  "$ROOT/scripts/container/$1"
  log "$1: $((SECONDS - started)) s"
}
step tools.sh
step lint.sh
step context-check.sh
step compose-check.sh
step smoke.sh
step stand-ins.sh
step compose-run.sh
log "container checks: $((SECONDS - total)) s in all"
