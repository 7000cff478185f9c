# Shared by scripts/container/*.sh (sourced, not run), on top of scripts/lib/common.sh. Everything
# slow is cached under ~/.cache/temperature-api/, keyed by version, like the test databases.
# shellcheck shell=bash
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# The production base of the Dockerfile and the local stand-in tagged with its name.
# shellcheck disable=SC2034 # for the scripts that source this
JRE_IMAGE=docker.io/library/eclipse-temurin:17-jre
IMAGE="${IMAGE:-localhost/temperature-api:local}"

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
