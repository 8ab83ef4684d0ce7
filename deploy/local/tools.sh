#!/usr/bin/env bash
# The tools that check deploy/k8s and deploy/observability in `make test`, pinned and built
# once per machine into the cache shared by every clone (like the store):
#
#   kustomize    renders the Kubernetes overlays          Go module proxy, go install
#   kubeconform  validates them against JSON schemas      Go module proxy, go install
#   promtool     checks and unit-tests the alert rules    Go module proxy, go install
#   schemas      Kubernetes' JSON schemas, offline        PyPI: kubernetes-validate bundles them
#
#   deploy/local/tools.sh install   # what setup.sh calls; quiet when all are there
#   deploy/local/tools.sh dir       # where the tools are: <dir>/bin/<tool>
#   deploy/local/tools.sh schemas   # where the schemas are: <dir>/v1.37.0-local-strict/...
#
# Nothing comes from anywhere but the Go module proxy and PyPI. promtool is the heavy one
# (Prometheus's module graph: 6.5 minutes here with the machine loaded; the SD plugins are
# left out with the remove_all_sd build tag). Env: QA_STORE_CACHE as in deploy/store/store.sh.
set -euo pipefail

KUSTOMIZE_VERSION=v5.8.1
KUBECONFORM_VERSION=v0.8.0
PROMETHEUS_VERSION=v0.316.0 # the Go module version of Prometheus 3.16.0 (promtool)
SCHEMAS_VERSION=1.37.0      # kubernetes-validate: schemas for Kubernetes 1.25 to 1.37
SCHEMAS_LAYOUT=2            # bump when the transform below changes: a fresh copy is made

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${QA_STORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qa-learning-platform}"
dir="$cache/deploy-tools-kustomize-$KUSTOMIZE_VERSION-kubeconform-$KUBECONFORM_VERSION-prometheus-$PROMETHEUS_VERSION"
schemas_dir="$cache/kubernetes-json-schema-$SCHEMAS_VERSION.$SCHEMAS_LAYOUT"

go_tool() { # name package@version
  local name=$1 pkg=$2
  [[ -x "$dir/bin/$name" ]] && return 0
  command -v go >/dev/null || { echo "tools: installing $name needs Go on PATH" >&2; exit 1; }
  echo "tools: building $pkg into $dir/bin (once per machine)" >&2
  # A module cache of its own, kept until success (an interrupted build resumes) and then
  # removed; GOTOOLCHAIN=local: this machine's Go only, no toolchain download.
  local work="$cache/deploy-tools-work"
  mkdir -p "$work/bin"
  GOBIN="$work/bin" GOMODCACHE="$work/mod" GOTOOLCHAIN=local GOFLAGS=-buildvcs=false \
    nice go install -tags remove_all_sd "$pkg" >&2
  mkdir -p "$dir/bin"
  mv "$work/bin/$name" "$dir/bin/$name.tmp" && mv "$dir/bin/$name.tmp" "$dir/bin/$name"
}

clean_work() {
  local work="$cache/deploy-tools-work"
  [[ -d "$work" ]] || return 0
  GOMODCACHE="$work/mod" go clean -modcache >/dev/null 2>&1 || true # its files are read-only
  rm -rf "$work"
}

schemas() {
  [[ -d "$schemas_dir" ]] && return 0
  echo "tools: Kubernetes JSON schemas from PyPI (kubernetes-validate $SCHEMAS_VERSION)" >&2
  local work="$cache/deploy-tools-schemas" python="$root/.venv/bin/python"
  [[ -x "$python" ]] || python=python3
  rm -rf "$work"
  "$python" -m pip install -q --disable-pip-version-check --no-deps --target "$work" \
    "kubernetes-validate==$SCHEMAS_VERSION" >&2
  # kubeconform reads one schema file per kind. Keep the strict variants, and give each kind
  # its own copy of just the definitions it reaches (the shared 1.4 MB file, compiled again
  # for every kind, made a run take seconds), with references inside the file: the originals
  # name kubernetes.io URLs, which nothing may fetch.
  "$python" - "$work/kubernetes_validate/kubernetes-json-schema" <<'PY'
import json, pathlib, re, shutil, sys
root = pathlib.Path(sys.argv[1])
for version in list(root.iterdir()):
    if not version.name.endswith("-local-strict"):
        shutil.rmtree(version)
        continue
    defs = json.loads((version / "_definitions.json").read_text())["$defs"]
    refs = {name: set(re.findall(r'#/\$defs/([^"]+)"', json.dumps(d)))
            for name, d in defs.items()}
    for path in version.glob("*.json"):
        if path.name == "_definitions.json":
            continue
        schema = json.loads(path.read_text())
        schema.pop("$id", None)
        todo = set(re.findall(r'#/\$defs/([^"]+)"', json.dumps(schema)))
        reached: set[str] = set()
        while todo:
            name = todo.pop()
            if name not in reached:
                reached.add(name)
                todo |= refs[name]
        schema["$defs"] = {name: defs[name] for name in sorted(reached)}
        path.write_text(json.dumps(schema).replace('"/api/_definitions.json#/$defs/', '"#/$defs/'))
    (version / "_definitions.json").unlink()
PY
  rm -rf "$schemas_dir.tmp"
  mv "$work/kubernetes_validate/kubernetes-json-schema" "$schemas_dir.tmp"
  mv "$schemas_dir.tmp" "$schemas_dir"
  rm -rf "$work"
}

install() {
  mkdir -p "$cache"
  exec 9>"$cache/deploy-tools.lock" && flock 9 # parallel setups wait for one install
  go_tool kustomize "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  go_tool kubeconform "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
  go_tool promtool "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION"
  clean_work
  schemas
}

case "${1:-}" in
  install) install ;;
  dir) echo "$dir" ;;
  schemas) echo "$schemas_dir" ;;
  *) echo "usage: $0 install|dir|schemas" >&2; exit 2 ;;
esac
