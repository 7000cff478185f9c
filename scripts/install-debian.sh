#!/usr/bin/env bash
# Installs the Debian packages named that are not installed yet; does nothing when all are.
#   scripts/install-debian.sh PACKAGE...
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
APT_RECOMMENDS=1 apt_install "$@"
