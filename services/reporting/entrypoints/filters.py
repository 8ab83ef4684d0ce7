"""Query filters shared by reports and pages: unknown values are refused with 422."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import HTTPException, Query, Request

from schemas.common import MONTH_PATTERN

from ..application.known_values import Field
from ..domain.periods import QUARTER_PATTERN
from .deps import get_deps

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


async def known_values(request: Request, field: Field, *, fresh: bool = False) -> set[str]:
    """The teams (or themes) the facts name (`application.known_values`: they may lag the
    facts by up to 30 s), read once per request; `fresh` reads them again now."""
    per_request = getattr(request.state, "known_values", None)
    if per_request is None:
        per_request = request.state.known_values = {}
    if field not in per_request or fresh:
        per_request[field] = await get_deps(request).known.values(field, fresh=fresh)
    return per_request[field]


async def is_known(request: Request, field: Field, value: str) -> bool:
    """Whether the facts name this team (or theme): looked up again before saying no."""
    return value in await known_values(request, field) \
        or value in await known_values(request, field, fresh=True)


async def filters(request: Request, team: str | None = None,
                  theme: str | None = None) -> Filters:
    """Team and theme, each checked against the values the facts actually hold."""
    if team and not await is_known(request, "team", team):
        raise unknown("team", team)
    if theme and not await is_known(request, "theme", theme):
        raise unknown("theme", theme)
    return Filters(team=team or None, theme=theme or None)
