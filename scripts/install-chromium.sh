#!/usr/bin/env bash
# Installs the headless browser the /docs end-to-end test drives (Debian's chromium and its
# matching chromium-driver), once. Idempotent: does nothing when both are already there.
exec "$(dirname "$0")/install-debian.sh" chromium chromium-driver
