#!/usr/bin/env bash
# Prometheus Alertmanager for the alerting tests (`make services`, `make test`, CI).
#
#   scripts/services/alertmanager.sh install   build alertmanager once from its Go module (cached by version)
#   scripts/services/alertmanager.sh start     install, then write <repo>/.services/alertmanager.env with
#                                              ALERTMANAGER_BIN; the tests start their own Alertmanagers,
#                                              each with a configuration it writes (its own webhook, short
#                                              group_wait/group_interval), so no server runs from here
#   scripts/services/alertmanager.sh stop      remove the env file
#
# The binary is cached in ~/.cache/temperature-api/alertmanager-<version>/alertmanager. A cold build
# is plain Go (no cgo): about 2 minutes on 2 cores, plus the module downloads. The module ships the
# web UI's sources but not its built assets (ui/app/dist, made by npm in Alertmanager's release
# process), which the `ui` package embeds; a one-line placeholder page stands in for them, so the
# UI says it is not built while the API (/api/v2) is complete.
#
# Environment overrides:
#   ALERTMANAGER_VERSION   module version to build (default: scripts/versions.env)
#   TEMPERATURE_API_CACHE  cache root (default ~/.cache/temperature-api)
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

ALERTMANAGER_VERSION="v${ALERTMANAGER_VERSION#v}"
readonly ALERTMANAGER_MODULE="github.com/prometheus/alertmanager"

readonly CACHE_ROOT="${CACHE}"
readonly INSTALL_DIR="${CACHE_ROOT}/alertmanager-${ALERTMANAGER_VERSION}"
readonly ALERTMANAGER_BIN="${INSTALL_DIR}/alertmanager"
readonly BUILD_DIR="${CACHE_ROOT}/build/alertmanager-${ALERTMANAGER_VERSION}"
readonly ENV_FILE="${ROOT}/.services/alertmanager.env"

build() {
    local started=${SECONDS}
    command -v go >/dev/null 2>&1 || die "'go' is required to build alertmanager"
    export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false"
    log "building alertmanager ${ALERTMANAGER_VERSION} with $(go version | cut -d' ' -f3-) (cold build: about 2 minutes)"

    local dir
    dir="$(go_mod_dir "${ALERTMANAGER_MODULE}@${ALERTMANAGER_VERSION}")"

    # A writable copy: the module cache is read-only, and the UI assets must be added.
    rm -rf "${BUILD_DIR}"
    mkdir -p "$(dirname "${BUILD_DIR}")"
    cp -R "${dir}" "${BUILD_DIR}"
    chmod -R u+w "${BUILD_DIR}"
    local ui
    for ui in elm mantine; do
        mkdir -p "${BUILD_DIR}/ui/app/dist/${ui}"
        printf '%s\n' '<!doctype html><title>Alertmanager</title><p>This Alertmanager was built without its web UI; its API is at /api/v2.' \
            >"${BUILD_DIR}/ui/app/dist/${ui}/index.html"
    done

    local version="${ALERTMANAGER_VERSION#v}" common="github.com/prometheus/common/version"
    (cd "${BUILD_DIR}" && go build -trimpath \
        -ldflags "-s -w -X ${common}.Version=${version} -X ${common}.Branch=gomod -X ${common}.Revision=gomod" \
        -o "${BUILD_DIR}/alertmanager.bin" ./cmd/alertmanager) || die "go build ./cmd/alertmanager failed"
    "${BUILD_DIR}/alertmanager.bin" --version >&2 || die "the built alertmanager does not run"

    mkdir -p "${INSTALL_DIR}"
    cp "${BUILD_DIR}/alertmanager.bin" "${INSTALL_DIR}/alertmanager.tmp.$$"
    mv -f "${INSTALL_DIR}/alertmanager.tmp.$$" "${ALERTMANAGER_BIN}"
    rm -rf "${BUILD_DIR}"
    rmdir "${CACHE_ROOT}/build" 2>/dev/null || true
    log "installed ${ALERTMANAGER_BIN} in $(((SECONDS - started) / 60))m$(((SECONDS - started) % 60))s"
}

install_locked() {
    [[ -x "${ALERTMANAGER_BIN}" ]] || build
}

cmd_install() {
    if [[ -x "${ALERTMANAGER_BIN}" ]]; then
        log "alertmanager ${ALERTMANAGER_VERSION} already installed: ${ALERTMANAGER_BIN}"
        return 0
    fi
    locked "${CACHE_ROOT}/alertmanager-${ALERTMANAGER_VERSION}.lock" install_locked
    [[ -x "${ALERTMANAGER_BIN}" ]] || die "alertmanager was not installed"
}

cmd_start() {
    cmd_install
    mkdir -p "$(dirname "${ENV_FILE}")"
    local tmp="${ENV_FILE}.tmp.$$"
    (umask 077 && printf 'export ALERTMANAGER_BIN=%s\nexport ALERTMANAGER_VERSION=%s\n' \
        "${ALERTMANAGER_BIN}" "${ALERTMANAGER_VERSION}" >"${tmp}")
    mv -f "${tmp}" "${ENV_FILE}"
    log "alertmanager ${ALERTMANAGER_VERSION} ready for the tests: ${ALERTMANAGER_BIN}"
}

cmd_stop() {
    rm -f "${ENV_FILE}"
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    *) die "usage: $0 install|start|stop" ;;
esac
