#!/usr/bin/env bash
# `make run`: Kafka, the store and every service; Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/deploy/local/setup.sh"
use_profile run

trap 'infra stop || true' EXIT
trap 'exit 130' INT TERM
infra start
cd "$ROOT"
"$PY" -m services.launcher
