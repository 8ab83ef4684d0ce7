"""Reconciliation: received = accepted + duplicates + quarantined, per day (in England) and per
import (counted by intake; resubmitted counts quarantined items accepted later)."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.england_time import england_day

from .deps import Deps


async def balance(deps: Deps, *, day: date | None, import_id: str | None) -> dict[str, Any]:
    """One import's counts if named, else one day's (today unless given), and whether they
    balance."""
    if import_id:
        found = await deps.counts.get("import", import_id)
    else:
        found = await deps.counts.get("day", (day or england_day(deps.clock())).isoformat())
    balanced = found["received"] == found["accepted"] + found["duplicates"] + found["quarantined"]
    return found | {"balanced": balanced}


async def recent_days(deps: Deps) -> list[dict[str, Any]]:
    return await deps.counts.days()
