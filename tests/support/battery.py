"""How hard the resilience battery pushes: once over in `make test`, ten times over in
`make resilience-long` (QA_RESILIENCE_SCALE=10), for before a release."""

from __future__ import annotations

import os

SCALE = max(1, int(os.environ.get("QA_RESILIENCE_SCALE", "1")))


def scaled(n: int) -> int:
    return n * SCALE
