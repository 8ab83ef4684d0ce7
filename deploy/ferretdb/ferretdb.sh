#!/usr/bin/env bash
# Local MongoDB-compatible store: FerretDB 1.24 (SQLite storage) embedded in our own
# tiny Go program (main.go here), because no MongoDB server or Docker is available.
#
#   deploy/ferretdb/ferretdb.sh build|start|stop|status
#
# Env: QA_STORE_PORT (default 27018), QA_STORE_DATA (default <repo>/var/ferretdb),
#      QA_STORE_START_TIMEOUT seconds (default 60), QA_STORE_LOG_LEVEL (default info;
#      info logs one line per client connection, warn keeps the log quiet).
# Tests use e.g. QA_STORE_PORT=29017 QA_STORE_DATA=<repo>/var/test-ferretdb, so two
# instances can run side by side; each keeps its pid file and log in its data dir.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="$repo/var/bin/qa-ferretdb"
port="${QA_STORE_PORT:-27018}"
data="${QA_STORE_DATA:-$repo/var/ferretdb}"
addr="127.0.0.1:$port" # loopback only: a dev store must never be reachable from outside
pidfile="$data/qa-ferretdb.pid"
logfile="$data/qa-ferretdb.log"
timeout="${QA_STORE_START_TIMEOUT:-60}"

# Serialise start/stop/build per lock file: parallel test runs may call us at once.
lock() { exec 9>"$1" && flock 9; }

build() {
  command -v go >/dev/null || { echo "store: needs Go >= 1.24 on PATH to build $bin" >&2; exit 1; }
  mkdir -p "$(dirname "$bin")"
  lock "$bin.lock"
  # The binary is cached; rebuild only when it is missing or older than its sources.
  if [[ -x "$bin" && -z "$(find "$here" -maxdepth 2 \( -name '*.go' -o -name '*.patch' \
          -o -name 'go.mod' -o -name 'go.sum' \) -newer "$bin" | head -1)" ]]; then
    return 0
  fi
  echo "store: building $bin (first build downloads modules, ~1-2 min)" >&2
  # go.sum is committed and complete, so -mod=readonly fetches exactly the pinned
  # modules from the module proxy and never edits go.mod. -buildvcs=false: the repo
  # may have no commits yet. CGO off: FerretDB's SQLite driver is pure Go.
  local modfile
  modfile="$(patched_module)"
  (cd "$here" && CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false" \
     go build -trimpath -modfile "$modfile" -o "$bin.tmp" .)
  mv -f "$bin.tmp" "$bin" # atomic swap, so a half-written binary is never cached
}

# A copy of the pinned FerretDB module with patches/*.patch applied, used through a go.mod
# beside it that replaces the module with the copy (`go build -modfile`): the committed
# go.mod and go.sum stay as they are, and each change to FerretDB is one reviewable diff.
# Prints that go.mod; fails if a patch no longer applies (after a FerretDB upgrade).
patched_module() {
  local module out
  (cd "$here" && GOFLAGS=-mod=readonly go mod download github.com/FerretDB/FerretDB)
  module="$(cd "$here" && GOFLAGS=-mod=readonly go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)"
  out="$repo/var/ferretdb-patched"
  rm -rf "$out" && mkdir -p "$out"
  cp -R "$module" "$out/FerretDB" && chmod -R u+w "$out/FerretDB"
  for patch in "$here"/patches/*.patch; do
    # Outside any repository (ours is above var/): git apply then takes paths as given.
    (cd "$out/FerretDB" && GIT_CEILING_DIRECTORIES="$out" git apply -p1 "$patch") >&2 \
      || { echo "store: $(basename "$patch") does not apply to $module" >&2; exit 1; }
  done
  cp "$here/go.sum" "$out/go.sum"
  { cat "$here/go.mod"; echo; echo "replace github.com/FerretDB/FerretDB => $out/FerretDB"; } >"$out/go.mod"
  echo "$out/go.mod"
}

# pid of our running store, from the pid file; fails when there is none.
ourpid() {
  local pid
  pid="$(cat "$pidfile" 2>/dev/null)" || return 1
  # kill -0 alone could match a recycled pid, so check the process name too.
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && [[ "$(ps -o comm= -p "$pid")" == qa-ferretdb* ]] && echo "$pid"
}

# A real MongoDB `ping` over the wire protocol (the binary's -ping mode), not just a port check.
answers() { [[ -x "$bin" ]] && "$bin" -ping -listen "$addr" 2>/dev/null; }

start() {
  build
  mkdir -p "$data"
  lock "$data/qa-ferretdb.lock"
  if answers; then # harmless when already running
    echo "store: up on $addr"
    ourpid >/dev/null || echo "store: note: not started from $data (no live pid file there)" >&2
    return 0
  fi
  # DO_NOT_TRACK is belt and braces: embedded FerretDB never starts telemetry anyway.
  # 9>&-: the server must not inherit the lock, or it would hold it for its lifetime.
  DO_NOT_TRACK=1 nohup "$bin" -listen "$addr" -data "$data" -log-level "${QA_STORE_LOG_LEVEL:-info}" \
    >>"$logfile" 2>&1 </dev/null 9>&- &
  local pid=$!
  echo "$pid" >"$pidfile"
  # Bounded wait until it answers a ping; give up early if the process died.
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if answers; then
      echo "store: up on $addr (pid $pid, data $data)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "store: failed to start on $addr; last lines of $logfile:" >&2
  tail -n 30 "$logfile" >&2 || true
  stop >/dev/null
  exit 1
}

stop() {
  local pid
  [[ -d "$data" ]] && lock "$data/qa-ferretdb.lock"
  if pid="$(ourpid)"; then
    kill -TERM "$pid" 2>/dev/null || true
    # FerretDB closes connections and SQLite on TERM; give it 10 s, then KILL.
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    echo "store: stopped (pid $pid)"
  else
    echo "store: not running"
  fi
  rm -f "$pidfile"
}

status() {
  if answers; then
    echo "store: up on $addr"
  else
    echo "store: down"
    exit 1
  fi
}

case "${1:-}" in
  build | start | stop | status) "$1" ;;
  *)
    echo "usage: $0 build|start|stop|status" >&2
    exit 2
    ;;
esac
