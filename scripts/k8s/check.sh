#!/usr/bin/env bash
# The Kubernetes checks of `make test`: renders every overlay of deploy/k8s with kustomize and
# validates it strictly with kubeconform against the Kubernetes schemas kept locally (the oldest
# supported version, 1.30, and the newest the schema package has): an unknown field, a wrong type,
# an API version the cluster does not serve or a kind without a schema is an error. Checks first
# that kubeconform fails on each of those, so that a pass means something.
# Then it runs a real kube-apiserver and etcd and applies every overlay with `kubectl apply
# --dry-run=server` (scripts/k8s/server-check.sh): about 10 minutes to build the server the first
# time on 2 cores, 15 s after that. K8S_SERVER_CHECK=false leaves that out, and says so.
# What the manifests say about the application (probes, ports, env, secrets, image) is checked by
# KubernetesManifestsTest in the checks module, in the Maven build, from the same renders.
#   scripts/k8s/check.sh
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

started=$SECONDS
"$ROOT/scripts/k8s/tools.sh" > /dev/null
kubeconform="$("$ROOT/scripts/k8s/tools.sh" path kubeconform)"
schemas="$("$ROOT/scripts/k8s/tools.sh" path schemas)"
read -r -a versions <<< "$("$ROOT/scripts/k8s/tools.sh" versions)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

validate() {
  local version=$1 file=$2
  "$kubeconform" -strict -summary -kubernetes-version "$version" \
    -schema-location "$schemas/{{ .NormalizedKubernetesVersion }}-local{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    "$file"
}

# Each of these must be refused, or the validation proves nothing.
declare -A bad=(
  [unknown-field]='{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {ports: [{port: 80, targetPort: http}], selectr: {app: a}}}'
  [wrong-type]='{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {ports: [{port: "eighty"}]}}'
  [removed-api]='{apiVersion: policy/v1beta1, kind: PodDisruptionBudget, metadata: {name: p}, spec: {maxUnavailable: 1}}'
  [no-schema]='{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}'
)
for name in "${!bad[@]}"; do
  echo "${bad[$name]}" > "$work/$name.yaml"
  if validate "${versions[0]}" "$work/$name.yaml" > "$work/$name.out" 2>&1; then
    cat "$work/$name.out" >&2
    die "kubeconform accepted a manifest with: $name"
  fi
done
log "kubeconform refuses an unknown field, a wrong type, a removed API version and a kind without a schema"

mkdir "$work/renders"
for overlay_dir in "$ROOT"/deploy/k8s/overlays/*/; do
  overlay=$(basename "$overlay_dir")
  "$ROOT/scripts/k8s/render.sh" "$overlay" > "$work/renders/$overlay.yaml"
  for version in "${versions[@]}"; do
    summary=$(validate "$version" "$work/renders/$overlay.yaml") || {
      echo "$summary" >&2
      die "overlay $overlay does not validate against Kubernetes $version"
    }
    log "$overlay, Kubernetes $version: ${summary#Summary: }"
  done
done

if [ "${K8S_SERVER_CHECK:-true}" = true ]; then
  "$ROOT/scripts/k8s/server-check.sh" "$work/renders"
else
  log "K8S_SERVER_CHECK=false: the overlays were NOT applied to a real API server"
fi
log "Kubernetes checks: $((SECONDS - started)) s"
