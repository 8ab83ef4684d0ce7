#!/usr/bin/env bash
# `make test`: a fresh Kafka and store on the test ports, the whole suite, then stop them.
#
# QA_TEST_MONGO_URI=mongodb://... make test runs the same suite against another MongoDB (a
# developer's own mongod replica set, or Atlas) instead of the local store. Each test uses
# databases of its own and drops them. The tests that stop and kill the local store
# (marked local_store) cannot stop someone else's server, so they are left out, and the
# run says so.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/deploy/local/setup.sh"
"$ROOT/deploy/local/browser.sh"
"$ROOT/deploy/local/softhsm.sh"
use_profile test

kafka() { "$ROOT/deploy/kafka/kafka.sh" "$1"; }
store() { [[ -n "${QA_TEST_MONGO_URI:-}" ]] || "$ROOT/deploy/store/store.sh" "$1"; }
{ kafka stop; store stop; } >/dev/null 2>&1 || true
rm -rf "$QA_KAFKA_DATA" "$QA_STORE_DATA"   # every run starts from an empty log and store
trap '{ kafka stop; store stop; } >/dev/null 2>&1 || true' EXIT
kafka start
store start

cd "$ROOT"
if [[ -n "${QA_TEST_MONGO_URI:-}" ]]; then
  export QA_MONGO_URI="$QA_TEST_MONGO_URI"
  # The URI may hold credentials: it is not printed.
  echo "test: store from QA_TEST_MONGO_URI; tests marked local_store are left out" >&2
  "$PY" -m pytest -m "not local_store" "$@"
else
  "$PY" -m pytest "$@"
fi
