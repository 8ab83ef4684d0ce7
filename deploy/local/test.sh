#!/usr/bin/env bash
# `make test`: a fresh Kafka and store on the test ports, the whole suite, then stop them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/deploy/local/setup.sh"
"$ROOT/deploy/local/browser.sh"
use_profile test

infra stop >/dev/null 2>&1 || true
rm -rf "$QA_KAFKA_DATA" "$QA_STORE_DATA"   # every run starts from an empty log and store
trap 'infra stop >/dev/null 2>&1 || true' EXIT
infra start

cd "$ROOT"
# The store's own Go code (same flags as its build, so the compiled packages are reused).
(cd deploy/ferretdb && CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false" \
   go test -trimpath -modfile "$ROOT/var/ferretdb-patched/go.mod" -count=1 .)
"$PY" -m pytest "$@"
