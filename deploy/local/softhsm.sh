#!/usr/bin/env bash
# Debian's SoftHSM 2, a PKCS#11 token in software, for the tests of the master key held in a
# token (QA_MASTER_KEY_SOURCE=pkcs11): what a council's HSM does, on this machine.
set -euo pipefail
[[ -f /usr/lib/softhsm/libsofthsm2.so ]] && command -v softhsm2-util >/dev/null && exit 0
echo "setup: installing Debian's softhsm2 for the PKCS#11 master key tests" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq softhsm2 >/dev/null
