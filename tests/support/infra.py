"""Stopping and starting the real Kafka and store that `make test` runs (same scripts)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = {"kafka": ROOT / "deploy/kafka/kafka.sh", "store": ROOT / "deploy/store/store.sh"}


def infra(which: str, command: str) -> None:
    subprocess.run([str(SCRIPTS[which]), command], check=True, capture_output=True, timeout=180)
