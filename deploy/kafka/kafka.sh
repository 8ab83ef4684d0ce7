#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, broker+controller in one JVM) run from Maven
# Central jars, because this machine has no Docker.
#
#   deploy/kafka/kafka.sh fetch|start|stop|crash|status   (crash: kill -9, for the resilience tests)
#
# Knobs (env):  QA_KAFKA_PORT             client port            (19092)
#               QA_KAFKA_CONTROLLER_PORT  KRaft controller port   (QA_KAFKA_PORT+1)
#               QA_KAFKA_DATA             config, data, log, pid  (<repo>/var/kafka)
#               QA_KAFKA_LIBS             jar cache               (<repo>/var/kafka-libs)
#               QA_KAFKA_START_TIMEOUT    seconds to wait ready   (90)
# Relative paths are taken from the repo root, so `make` and tests agree.
# Different PORT + DATA pairs give independent brokers (tests: 29092, var/test-kafka).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
abs() { case "$1" in /*) echo "$1" ;; *) echo "$ROOT/$1" ;; esac; }

PORT="${QA_KAFKA_PORT:-19092}"
CPORT="${QA_KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
DATA="$(abs "${QA_KAFKA_DATA:-var/kafka}")"
# Not plain $LIBS: autoconf-style builds export LIBS=-l... and we would inherit it.
LIBS="$(abs "${QA_KAFKA_LIBS:-var/kafka-libs}")"
TIMEOUT="${QA_KAFKA_START_TIMEOUT:-90}"
CONF="$DATA/server.properties"
PIDFILE="$DATA/kafka.pid"
LOG="$DATA/server.log"
MARKER="$LIBS/.fetched"
JAVA_OPTS=(-Xmx512m -Djava.awt.headless=true "-Dlog4j2.configurationFile=$HERE/log4j2.properties")

fetch() {
  # The marker holds the pom's checksum: a version bump re-fetches, anything else
  # stays offline.
  local want; want="$(cksum <"$HERE/pom.xml")"
  [[ -f "$MARKER" && "$(cat "$MARKER")" == "$want" ]] && return 0
  command -v mvn >/dev/null || { echo "kafka: mvn not found (needed once to fetch jars)" >&2; exit 1; }
  echo "kafka: fetching jars into $LIBS" >&2
  local tmp="$LIBS.tmp.$$"   # never leave a half-filled $LIBS behind
  rm -rf "$tmp"
  local out  # -q still emits stray colour codes on Debian's mvn; show output only on failure
  out="$(mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" 2>&1)" \
    || { echo "$out" >&2; rm -rf "$tmp"; exit 1; }
  rm -rf "$LIBS" && mv "$tmp" "$LIBS"
  echo "$want" >"$MARKER"
}

# Only trust the pid file if it still points at *our* broker (pids get reused).
pid() {
  local p; p="$(cat "$PIDFILE" 2>/dev/null)" || return 1
  [[ "$(ps -ww -o args= -p "$p" 2>/dev/null)" == *"kafka.Kafka $CONF"* ]] && echo "$p"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ready = the broker answers an ApiVersions request (it only serves clients once
# it has caught up with the metadata log), not merely that the port is bound.
ready() {
  python3 - "$PORT" 2>/dev/null <<'PY'
import socket, struct, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
s.settimeout(2)
cid = b"qa-probe"
req = struct.pack(">hhih", 18, 0, 7, len(cid)) + cid   # ApiVersions v0, correlation 7
s.sendall(struct.pack(">i", len(req)) + req)
_, corr, err = struct.unpack(">iih", s.recv(10, socket.MSG_WAITALL))
sys.exit(0 if (corr, err) == (7, 0) else 1)
PY
}

write_config() {
  mkdir -p "$DATA"
  cat >"$CONF" <<EOF
# Written by deploy/kafka/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA/logs
num.partitions=3
auto.create.topics.enable=true
# one broker: internal topics cannot have more replicas than that
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# consumers in tests should not wait 3 s for a rebalance
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
}

start() {
  if pid >/dev/null; then
    wait_ready "$(pid)"
    echo "kafka: already running on 127.0.0.1:$PORT (pid $(pid))"
    return 0
  fi
  rm -f "$PIDFILE"
  for p in "$PORT" "$CPORT"; do
    if port_open "$p"; then echo "kafka: port $p on 127.0.0.1 is taken by another process" >&2; exit 1; fi
  done
  fetch
  write_config
  : >"$LOG"   # one start per log: the tail printed on failure is about this start
  if [[ ! -f "$DATA/logs/meta.properties" ]]; then
    local id; id="$(java "${JAVA_OPTS[@]}" -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>>"$LOG")"
    [[ "$id" =~ ^[A-Za-z0-9_-]{22}$ ]] || { echo "kafka: bad cluster id '$id'" >&2; exit 1; }
    java "${JAVA_OPTS[@]}" -cp "$LIBS/*" kafka.tools.StorageTool \
      format --standalone --cluster-id "$id" --config "$CONF" >>"$LOG" 2>&1 \
      || { tail -n 30 "$LOG" >&2; exit 1; }
  fi
  nohup java "${JAVA_OPTS[@]}" -cp "$LIBS/*" kafka.Kafka "$CONF" >>"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_ready "$!"
  echo "kafka: up on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"), log $LOG)"
}

wait_ready() {
  local p="$1" deadline=$((SECONDS + TIMEOUT))
  until ready; do
    if ! kill -0 "$p" 2>/dev/null; then
      echo "kafka: broker exited during startup; last lines of $LOG:" >&2
      tail -n 40 "$LOG" >&2; rm -f "$PIDFILE"; exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "kafka: not ready after ${TIMEOUT}s; last lines of $LOG:" >&2
      tail -n 40 "$LOG" >&2; stop >&2; exit 1
    fi
    sleep 0.3
  done
}

stop() {
  local p
  if p="$(pid)"; then
    kill -TERM "$p" 2>/dev/null || true
    # a clean shutdown avoids log recovery on the next start; it takes a few seconds
    for _ in $(seq 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$p" 2>/dev/null; then echo "kafka: no exit after 30s, killing" >&2; kill -KILL "$p" || true; fi
    echo "kafka: stopped (pid $p)"
  else
    echo "kafka: not running"
  fi
  rm -f "$PIDFILE"
}

crash() {  # kill -9, as a lost machine would: for the resilience tests
  local p
  if p="$(pid)"; then
    kill -KILL "$p" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    echo "kafka: killed (pid $p)"
  else
    echo "kafka: not running"
  fi
  rm -f "$PIDFILE"
}

status() {
  if ready; then echo "kafka: up on 127.0.0.1:$PORT"; else echo "kafka: down"; return 1; fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  crash) crash ;;
  status) status ;;
  *) echo "usage: $0 fetch|start|stop|crash|status" >&2; exit 2 ;;
esac
