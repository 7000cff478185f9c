#!/usr/bin/env bash
# Prints what `kubectl apply -k deploy/k8s/overlays/OVERLAY` would apply, with the overlay's
# *.env.example files standing in for its git-ignored secrets (*.env): the manifests as the checks
# see them, whatever secrets this checkout holds.
#   scripts/k8s/render.sh sqlite|timescale|influx
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

overlay=${1:?usage: $0 OVERLAY (one of: $(cd "$ROOT/deploy/k8s/overlays" && echo *))}
[ -d "$ROOT/deploy/k8s/overlays/$overlay" ] || die "no overlay deploy/k8s/overlays/$overlay"
kustomize="$("$ROOT/scripts/k8s/tools.sh" path kustomize)"
[ -x "$kustomize" ] || die "kustomize is not installed: run scripts/k8s/tools.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$ROOT/deploy" --exclude='*.env' -cf - k8s | tar -C "$work" -xf -
find "$work/k8s" -name '*.env.example' | while read -r example; do
  cp "$example" "${example%.example}"
done
"$kustomize" build "$work/k8s/overlays/$overlay"
