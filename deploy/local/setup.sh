#!/usr/bin/env bash
# Everything `make run` and `make test` need, installed by the project itself; safe to repeat.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

stamp="$VENV/.installed"
if [[ ! -f "$stamp" || "$ROOT/pyproject.toml" -nt "$stamp" ]]; then
  echo "setup: Python packages into .venv" >&2
  python3 -m venv "$VENV"
  "$PY" -m pip install -q --disable-pip-version-check -e "$ROOT[test]"
  touch "$stamp"
fi
"$ROOT/deploy/kafka/kafka.sh" fetch
"$ROOT/deploy/store/store.sh" build
# kustomize, kubeconform, promtool and Kubernetes' JSON schemas for the deploy/ checks (pinned;
# built once per machine into the same cache as the store).
"$ROOT/deploy/local/tools.sh" install
