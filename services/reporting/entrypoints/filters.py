"""Query filters shared by reports and pages: unknown values are refused with 422."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Annotated

from fastapi import HTTPException, Query, Request

from schemas.common import MONTH_PATTERN

from ..domain import names
from ..domain.periods import QUARTER_PATTERN

MonthQuery = Annotated[str, Query(pattern=MONTH_PATTERN.pattern, examples=["2026-11"])]
QuarterQuery = Annotated[str, Query(pattern=QUARTER_PATTERN.pattern, examples=["2026-Q3"])]


def briefing_period(
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern, examples=["2026-11"])] = None,
    quarter: Annotated[str | None, Query(pattern=QUARTER_PATTERN.pattern,
                                         examples=["2026-Q3"])] = None,
) -> str:
    """A month or a quarter, exactly one of them."""
    if bool(month) == bool(quarter):
        raise HTTPException(422, [{"loc": ["query", "month" if month else "quarter"],
                                   "type": "value_error",
                                   "msg": "give either month (YYYY-MM) or quarter (YYYY-Qn)"}])
    return month or quarter  # type: ignore[return-value]


@dataclass
class Filters:
    team: str | None = None
    theme: str | None = None


def unknown(field: str, value: str) -> HTTPException:
    return HTTPException(422, [{"loc": ["query", field], "type": "value_error",
                                "msg": f"unknown {field}: no facts name {value!r}"}])


KNOWN_FOR_SECONDS = 30.0  # how long the teams and themes a filter form lists may lag the facts


async def known_values(request: Request, field: str, *, fresh: bool = False) -> set[str]:
    """The teams (or themes) the facts name, for filter forms to list. Each is a distinct
    over every fact collection's index, which this store answers by reading every key
    (ten years of facts: about 200 ms a page), so the values are worked out at most every
    KNOWN_FOR_SECONDS per generation and once per request; `fresh` reads them again now.
    Checking a filter goes through `is_known`, which looks again before refusing a value,
    so a team or theme the facts hold is never refused: only the lists may lag."""
    state = getattr(request, "state", None)
    per_request = getattr(state, "known_values", None) if state is not None else None
    if per_request is None:
        per_request = {}
        if state is not None:
            state.known_values = per_request
    if field in per_request and not fresh:
        return per_request[field]
    facts, app_state = request.app.state.deps.facts, request.app.state
    kept = getattr(app_state, "known_values", None)
    if kept is None:
        kept = app_state.known_values = {}
    key = ((await facts.collection(names.TEAMS)).name, field)  # the generation, and which
    entry = kept.get(key)  # (when read, the read): requests meanwhile share one read
    if fresh or entry is None or time.monotonic() - entry[0] > KNOWN_FOR_SECONDS:
        entry = kept[key] = (time.monotonic(),
                             asyncio.ensure_future(_known_values(facts, field)))
    try:
        values = await asyncio.shield(entry[1])
    except Exception:
        if kept.get(key) is entry:
            del kept[key]  # the next request reads again
        raise
    per_request[field] = values
    return values


async def is_known(request: Request, field: str, value: str) -> bool:
    """Whether the facts name this team (or theme): looked up again before saying no."""
    return value in await known_values(request, field) \
        or value in await known_values(request, field, fresh=True)


async def _known_values(facts, field: str) -> set[str]:
    if field == "team":
        found: set[str] = set()
        for values in await asyncio.gather(facts.distinct(names.TEAMS, "_id"), *(
                facts.distinct(collection, "team_id") for collection in (
                    names.AUDITS, names.ACTIONS, names.FEEDBACK, names.COMPLAINTS,
                    names.OBSERVATIONS, names.ALLOCATIONS))):
            found.update(v for v in values if v)
        return found
    found = set()
    for values in await asyncio.gather(
            facts.distinct(names.PROGRAMME, "theme"),
            *(facts.distinct(c, "themes", array=True) for c in (names.FEEDBACK,
                                                                 names.COMPLAINTS))):
        found.update(values)
    return found


async def filters(request: Request, team: str | None = None,
                  theme: str | None = None) -> Filters:
    """Team and theme, each checked against the values the facts actually hold."""
    if team and not await is_known(request, "team", team):
        raise unknown("team", team)
    if theme and not await is_known(request, "theme", theme):
        raise unknown("theme", theme)
    return Filters(team=team or None, theme=theme or None)
