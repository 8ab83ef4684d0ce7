"""Query filters shared by reports and pages: unknown values are refused with 422."""

from __future__ import annotations

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


async def known_values(request: Request, field: str) -> set[str]:
    facts = request.app.state.deps.facts
    if field == "team":
        found: set[str] = set(await facts.distinct(names.TEAMS, "_id"))
        for collection in (names.AUDITS, names.ACTIONS, names.FEEDBACK, names.COMPLAINTS,
                           names.OBSERVATIONS, names.ALLOCATIONS):
            found.update(v for v in await facts.distinct(collection, "team_id") if v)
        return found
    found = set(await facts.distinct(names.PROGRAMME, "theme"))
    for collection in (names.FEEDBACK, names.COMPLAINTS):
        found.update(await facts.distinct(collection, "themes", array=True))
    return found


async def filters(request: Request, team: str | None = None,
                  theme: str | None = None) -> Filters:
    """Team and theme, each checked against the values the facts actually hold."""
    if team and team not in await known_values(request, "team"):
        raise unknown("team", team)
    if theme and theme not in await known_values(request, "theme"):
        raise unknown("theme", theme)
    return Filters(team=team or None, theme=theme or None)
