# Sourced by run.sh and test.sh: where the local Kafka and store listen, one place.
# `make run` and `make test` use different ports and data folders, so both can run at once.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

use_profile() {  # run | test
  if [[ "$1" == test ]]; then
    # Ports can be moved (QA_TEST_*) so two checkouts' suites can run side by side.
    export QA_KAFKA_PORT="${QA_TEST_KAFKA_PORT:-29092}" QA_STORE_PORT="${QA_TEST_STORE_PORT:-29017}"
    export QA_KAFKA_DATA="$ROOT/var/test-kafka-$QA_KAFKA_PORT"
    export QA_STORE_DATA="$ROOT/var/test-store-$QA_STORE_PORT"
    export QA_PORT_BASE="${QA_TEST_PORT_BASE:-28100}"
  else
    export QA_KAFKA_PORT="${QA_KAFKA_PORT:-19092}" QA_KAFKA_DATA="$ROOT/var/kafka"
    export QA_STORE_PORT="${QA_STORE_PORT:-27018}" QA_STORE_DATA="$ROOT/var/store"
    export QA_PORT_BASE="${QA_PORT_BASE:-8100}"
  fi
  export QA_KAFKA_BOOTSTRAP="127.0.0.1:$QA_KAFKA_PORT"
  # The local store is a one-node replica set; directConnection skips replica-set discovery.
  export QA_MONGO_URI="mongodb://127.0.0.1:$QA_STORE_PORT/?directConnection=true"
}

infra() {  # start | stop | status
  "$ROOT/deploy/kafka/kafka.sh" "$1" && "$ROOT/deploy/store/store.sh" "$1"
}
