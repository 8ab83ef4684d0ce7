#!/usr/bin/env bash
# Local MongoDB-compatible store: SecantusDB (`secantusd-rs`, MongoDB's wire protocol over
# WiredTiger, a one-node replica set with transactions, change streams and TTL), because no
# mongod package or Docker engine is available here. Production runs on MongoDB itself.
#
#   deploy/store/store.sh build|start|stop|crash|status
#
# Env: QA_STORE_PORT (default 27018), QA_STORE_DATA (default <repo>/var/store),
#      QA_STORE_START_TIMEOUT seconds (default 60),
#      QA_STORE_CACHE where the built server is kept (default ~/.cache/qa-learning-platform):
#      outside the clone, so every clone on a machine shares one build.
# `crash` is kill -9, for the resilience tests. Each data dir keeps its pid file and log.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version="0.5.3-beta.196" # pinned: a beta; every release declares a newer Rust than ours
cache="${QA_STORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qa-learning-platform}"
home="$cache/secantus-mdb-$version"
bin="$home/bin/secantusd-rs"
port="${QA_STORE_PORT:-27018}"
data="${QA_STORE_DATA:-$repo/var/store}"
pidfile="$data/secantusd.pid"
logfile="$data/secantusd.log"
timeout="${QA_STORE_START_TIMEOUT:-60}"
python="$repo/.venv/bin/python"
[[ -x "$python" ]] || python=python3

# Serialise start/stop/build per lock file: parallel test runs may call us at once.
lock() { exec 9>"$1" && flock 9; }

build() {
  [[ -x "$bin" ]] && return 0
  mkdir -p "$cache"
  lock "$cache/secantus-mdb.lock"
  [[ -x "$bin" ]] && return 0 # another caller built it while we waited
  local tool
  for tool in cargo cmake cc; do
    command -v "$tool" >/dev/null || { echo "store: building SecantusDB needs $tool on PATH" >&2; exit 1; }
  done
  echo "store: building SecantusDB $version into $home (once per machine; 5-20 min)" >&2
  # --locked: the crate's own lock file, so the build is the one that was tested here.
  # --ignore-rust-version: it declares a newer Rust than this machine's and builds with ours.
  # The target dir is kept until success, so an interrupted build resumes where it stopped.
  rm -rf "$home.tmp"
  cargo install --quiet --locked --ignore-rust-version secantus-mdb --version "$version" \
    --root "$home.tmp" --target-dir "$cache/secantus-mdb-target" >&2
  mv "$home.tmp" "$home" # atomic: a half-built server is never taken for a built one
  rm -rf "$cache/secantus-mdb-target"
}

# pid of our running store, from the pid file; fails when there is none.
ourpid() {
  local pid
  pid="$(cat "$pidfile" 2>/dev/null)" || return 1
  # kill -0 alone could match a recycled pid, so check the command line too.
  [[ -n "$pid" ]] && [[ "$(ps -ww -o args= -p "$pid" 2>/dev/null)" == *"--storage-path $data/db"* ]] \
    && echo "$pid"
}

# A real `hello` over the wire protocol, answered by a replica-set primary.
answers() { "$python" "$here/ping.py" "$port" 2>/dev/null; }
configured() { "$python" "$here/ping.py" "$port" --configure; }

start() {
  build
  mkdir -p "$data"
  lock "$data/secantusd.lock"
  if answers; then # harmless when already running
    configured
    echo "store: up on 127.0.0.1:$port"
    ourpid >/dev/null || echo "store: note: not started from $data (no live pid file there)" >&2
    return 0
  fi
  # Loopback only: a development store must never be reachable from outside.
  # 9>&-: the server must not inherit the lock, or it would hold it for its lifetime.
  nohup "$bin" --config "$here/secantusd.toml" --host 127.0.0.1 --port "$port" \
    --storage-path "$data/db" >>"$logfile" 2>&1 </dev/null 9>&- &
  local pid=$!
  echo "$pid" >"$pidfile"
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if answers; then
      configured
      echo "store: up on 127.0.0.1:$port (pid $pid, data $data)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.3
  done
  echo "store: failed to start on 127.0.0.1:$port; last lines of $logfile:" >&2
  tail -n 30 "$logfile" >&2 || true
  stop >/dev/null
  exit 1
}

stop() { halt TERM; }
crash() { halt KILL; }

halt() { # TERM: WiredTiger checkpoints and closes (20 s at most, then KILL); KILL: at once
  local pid
  [[ -d "$data" ]] && lock "$data/secantusd.lock"
  if pid="$(ourpid)"; then
    kill "-$1" "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    echo "store: stopped (pid $pid, SIG$1)"
  else
    echo "store: not running"
  fi
  rm -f "$pidfile"
}

status() {
  if answers; then
    echo "store: up on 127.0.0.1:$port"
  else
    echo "store: down"
    exit 1
  fi
}

case "${1:-}" in
  build | start | stop | crash | status) "$1" ;;
  *)
    echo "usage: $0 build|start|stop|crash|status" >&2
    exit 2
    ;;
esac
