#!/usr/bin/env bash
# Applies every overlay to a real Kubernetes API server with `kubectl apply --dry-run=server`:
# kube-apiserver (built from k8s.io/kubernetes) on etcd (Debian's), both on loopback, for as long
# as the check runs. The server validates each object strictly, defaults it and runs its admission
# plugins, Pod Security Admission among them: the namespace asks for the `restricted` profile, so
# a pod template that would violate it is a warning, which fails the check. Nothing is scheduled
# or run (there is no kubelet).
#   scripts/k8s/server-check.sh DIR      DIR: where check.sh left its renders
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

started=$SECONDS
"$ROOT/scripts/k8s/tools.sh" server > /dev/null
apiserver="$("$ROOT/scripts/k8s/tools.sh" path kube-apiserver)"
kubectl="$("$ROOT/scripts/k8s/tools.sh" path kubectl)"

work="$(mktemp -d /tmp/temperature-api-k8s.XXXXXX)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

renders=${1:?usage: $0 DIR (the renders of scripts/k8s/check.sh)}

etcd_port=$(free_port)
peer_port=$(free_port)
api_port=$(free_port)
etcd --name check --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "check=http://127.0.0.1:$peer_port" > "$work/etcd.log" 2>&1 &
pids+=($!)

# A static token for a member of system:masters, a key for service account tokens, and a
# self-signed serving certificate written by the server itself into --cert-dir. The service range
# is only an allocation table here: nothing is ever sent to it.
token=$(random_hex 16)
echo "$token,check,check,system:masters" > "$work/tokens.csv"
openssl genrsa -out "$work/sa.key" 2048 2> /dev/null
"$apiserver" \
  --bind-address=127.0.0.1 --secure-port="$api_port" --advertise-address=127.0.0.1 \
  --cert-dir="$work/certs" \
  --etcd-servers="http://127.0.0.1:$etcd_port" \
  --token-auth-file="$work/tokens.csv" --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc \
  --service-account-key-file="$work/sa.key" --service-account-signing-key-file="$work/sa.key" \
  --service-cluster-ip-range=10.96.0.0/24 --endpoint-reconciler-type=none \
  > "$work/apiserver.log" 2>&1 &
pids+=($!)

export KUBECONFIG="$work/kubeconfig"
"$kubectl" config set-cluster check --server="https://127.0.0.1:$api_port" --insecure-skip-tls-verify=true > /dev/null
"$kubectl" config set-credentials check --token="$token" > /dev/null
"$kubectl" config set-context check --cluster=check --user=check > /dev/null
"$kubectl" config use-context check > /dev/null

deadline=$((SECONDS + 120))
until "$kubectl" get --raw /readyz > /dev/null 2>&1; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 "${pids[1]}" 2> /dev/null; then
    tail -20 "$work/etcd.log" "$work/apiserver.log" >&2
    die "kube-apiserver did not become ready"
  fi
  sleep 1
done
log "kube-apiserver ($("$kubectl" get --raw /version | python3 -c 'import json,sys; v=json.load(sys.stdin); print("emulating Kubernetes " + v.get("emulationMajor", v["major"]) + "." + v.get("emulationMinor", v["minor"]))')) ready on 127.0.0.1:$api_port after $((SECONDS - started)) s"

# split FILE: the Namespace documents into FILE.namespaces, the others into FILE.objects
split() {
  awk -v ns="$1.namespaces" -v rest="$1.objects" '
    /^---$/ { flush(); next }
    { doc = doc $0 "\n" }
    function flush() { if (doc != "") { print "---\n" doc > (doc ~ /(^|\n)kind: Namespace\n/ ? ns : rest) } doc = "" }
    END { flush() }' "$1"
}

# dry_run FILE: applies FILE with --dry-run=server; any warning fails, but one: kube-apiserver
# 1.34.0 warns about every headless Service, whether it sets a session affinity or not
# (kubernetes/kubernetes#134040, fixed in 1.34.1).
dry_run() {
  local out
  if out=$("$kubectl" apply --dry-run=server -f "$1" 2>&1) \
    && ! grep -v 'Warning: spec.SessionAffinity is ignored for headless services' <<< "$out" | grep -qi 'warning'; then
    echo "$out"
  else
    echo "$out" >&2
    return 1
  fi
}

# The check must be able to fail: a pod template the restricted profile forbids is a warning.
for overlay_file in "$renders"/*.yaml; do split "$overlay_file"; done
first=("$renders"/*.yaml)
"$kubectl" apply -f "${first[0]}.namespaces" > /dev/null
echo '{apiVersion: apps/v1, kind: Deployment, metadata: {name: privileged, namespace: temperature-api},
  spec: {selector: {matchLabels: {app: privileged}}, template: {metadata: {labels: {app: privileged}},
  spec: {containers: [{name: c, image: example.com/c:1, securityContext: {privileged: true}}]}}}}' \
  > "$work/privileged.yaml"
if dry_run "$work/privileged.yaml" > /dev/null 2>&1; then
  die "the server accepted a privileged pod template in the namespace without a warning"
fi
log "the server warns about a pod template that violates the namespace's restricted profile"

for overlay_file in "$renders"/*.yaml; do
  overlay=$(basename "$overlay_file" .yaml)
  "$kubectl" apply --dry-run=server -f "$overlay_file.namespaces" > /dev/null
  dry_run "$overlay_file.objects" > "$work/$overlay.out" || die "the API server refuses overlay $overlay"
  log "$overlay: $(grep -c 'created (server dry run)' "$work/$overlay.out") objects accepted by kube-apiserver (dry run), no warning"
done
log "server dry run: $((SECONDS - started)) s"
