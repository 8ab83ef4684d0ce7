"""The lists behind the briefing's figures: ids and categories, never free text."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, Role, allow
from shared.envelope import utc_now

from ..adapters.facts import ACTION_FACTS
from ..domain import names
from ..domain.periods import months_between
from ..domain.sections import is_overdue
from ..domain.tables import rows_table
from .briefing import BRIEFING_READERS
from .downloads import Format, table_response
from .filters import Filters, filters

router = APIRouter(prefix="/reports", tags=["reports"])

# Who may open the list behind a figure (ids and categories, never free text).
DRILL_DOWN = (*BRIEFING_READERS, Role.TEAM_MANAGER)
DRILLABLE = {"audits": (names.AUDITS, "month"), "actions": (names.ACTIONS, "raised_month"),
             "complaints": (names.COMPLAINTS, "month"), "feedback": (names.FEEDBACK, "month"),
             "observations": (names.OBSERVATIONS, "month"),
             "moderations": (names.MODERATIONS, "month"),
             "allocations": (names.ALLOCATIONS, "month")}


@router.get("/facts/{kind}")
async def drill_down(
    request: Request, kind: Literal[tuple(DRILLABLE)],  # type: ignore[valid-type]
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)] = None,
    from_month: Annotated[str | None, Query(
        pattern=MONTH_PATTERN.pattern, description="with month: every month from this one")] = None,
    grade: str | None = None, status: str | None = None, overdue: bool = False,
    fmt: Format | None = None, f: Filters = Depends(filters),
    _: Principal = Depends(allow(*DRILL_DOWN)),
):
    """The list behind a figure: ids and categories only."""
    collection, month_field = DRILLABLE[kind]
    query: dict = {}
    if month:
        query[month_field] = {"$in": months_between(from_month, month)} if from_month else month
    if f.team:
        query["team_id"] = f.team
    if grade:
        query["overall_grade"] = grade
    if status:
        query["status"] = status
    rows = await request.app.state.deps.facts.find(collection, query)
    if overdue:
        today = utc_now().date()
        rows = [r for r in rows if is_overdue(r, today)]
    for row in rows:
        row.pop("as_of", None)
    if fmt:
        return table_response(rows_table(rows), f"{kind}-{month or 'all'}", fmt)
    return rows


@router.get("/actions")
async def list_action_facts(
    request: Request,
    origin_id: str | None = None,
    team_id: str | None = None,
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)] = None,
    _: Principal = Depends(allow(*DRILL_DOWN)),
) -> list[dict]:
    """The actions behind a briefing figure (drill-down), overdue first, without free text."""
    criteria = {"origin_id": origin_id, "team_id": team_id, "raised_month": month}
    query = {k: v for k, v in criteria.items() if v is not None}
    rows = await request.app.state.deps.facts.find(ACTION_FACTS, query)
    today = utc_now().date()
    for row in rows:
        row["overdue"] = is_overdue(row, today)
    return sorted(rows, key=lambda r: (not r["overdue"], r["due_date"]))
