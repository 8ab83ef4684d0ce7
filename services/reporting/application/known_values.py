"""The teams and themes the facts name, for filter forms to list and filters to check."""

from __future__ import annotations

import asyncio
import time
from typing import Literal

from ..adapters.report_facts import ReportFacts

Field = Literal["team", "theme"]
KNOWN_FOR_SECONDS = 30.0  # how long the teams and themes a filter form lists may lag the facts


class KnownValues:
    """Each list is a distinct over every fact collection's index, which this store answers
    by reading every key (ten years of facts: about 200 ms a page), so the values are worked
    out at most every KNOWN_FOR_SECONDS per generation; requests meanwhile share one read.
    Checking a filter goes through `is_known`, which looks again before refusing a value,
    so a team or theme the facts hold is never refused: only the lists may lag."""

    def __init__(self, reports: ReportFacts) -> None:
        self.reports = reports
        self.kept: dict[tuple[str, str], tuple[float, asyncio.Future[set[str]]]] = {}

    async def values(self, field: Field, *, fresh: bool = False) -> set[str]:
        key = (await self.reports.generation(), field)
        entry = self.kept.get(key)
        if fresh or entry is None or time.monotonic() - entry[0] > KNOWN_FOR_SECONDS:
            read = self.reports.teams_named() if field == "team" else self.reports.themes_named()
            entry = self.kept[key] = (time.monotonic(), asyncio.ensure_future(read))
        try:
            return await asyncio.shield(entry[1])
        except Exception:
            if self.kept.get(key) is entry:
                del self.kept[key]  # the next request reads again
            raise
