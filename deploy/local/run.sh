#!/usr/bin/env bash
# `make run`: Kafka, the store and every service; Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/deploy/local/setup.sh"
use_profile run

# Ctrl-C (or a start that failed half-way) stops Kafka and the store. A service that dies
# does not: the launcher starts it again (services/supervisor.py).
trap 'infra stop || true' EXIT
trap 'exit 130' INT TERM
infra start
cd "$ROOT"
code=0
"$PY" -m services.launcher || code=$?
if ((code != 0 && code != 130)); then
  trap - EXIT
  echo "run: the launcher itself failed (exit $code); Kafka and the store are left running" \
       "(make infra-down stops them)" >&2
fi
exit "$code"
