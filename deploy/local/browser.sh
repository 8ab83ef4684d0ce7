#!/usr/bin/env bash
# Debian's Chromium for the page tests (Playwright drives it; no browser download).
set -euo pipefail
command -v chromium >/dev/null && exit 0
echo "setup: installing Debian's chromium for browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
