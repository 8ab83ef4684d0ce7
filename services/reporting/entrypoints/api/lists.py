"""The lists behind the briefing's figures: ids and categories, never free text."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import HTTPException, APIRouter, Depends, Query

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, allow
from shared.england_time import england_today

from ...application import lists
from ...application.deps import Deps
from ...domain.names import LISTS
from ...domain.tables import rows_table
from ..deps import get_deps
from ..filters import Filters, filters
from ..formats.downloads import Format, table_response
from ..roles import DRILL_DOWN

router = APIRouter(prefix="/reports", tags=["reports"])
MonthOrNone = Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)]


@router.get("/facts/{kind}")
async def drill_down(
    kind: Literal[tuple(LISTS)],  # type: ignore[valid-type]
    month: MonthOrNone = None,
    from_month: Annotated[str | None, Query(
        pattern=MONTH_PATTERN.pattern, description="with month: every month from this one")] = None,
    grade: str | None = None, status: str | None = None, overdue: bool = False,
    fmt: Format | None = None, f: Filters = Depends(filters),
    _: Principal = Depends(allow(*DRILL_DOWN)), deps: Deps = Depends(get_deps),
):
    """The list behind a figure: ids and categories only; its CSV and Excel files (`fmt`)
    add each person's and team's name beside their id."""
    if overdue and kind != "actions":  # only an action has a due date to be past
        raise HTTPException(422, [{"loc": ["query", "overdue"], "type": "value_error",
                                   "msg": "overdue applies to actions only"}])
    rows = await lists.facts_behind(deps, kind, month=month, from_month=from_month,
                                    team=f.team, grade=grade, status=status, overdue=overdue,
                                    today=england_today())
    if fmt:
        return table_response(rows_table(await lists.for_export(deps, rows)),
                              f"{kind}-{month or 'all'}", fmt)
    return rows


@router.get("/actions")
async def list_action_facts(
    origin_id: str | None = None, team_id: str | None = None, month: MonthOrNone = None,
    _: Principal = Depends(allow(*DRILL_DOWN)), deps: Deps = Depends(get_deps),
) -> list[dict]:
    """The actions behind a briefing figure (drill-down), overdue first, without free text."""
    return await lists.actions_behind(deps, origin_id=origin_id, team=team_id,
                                      raised_month=month, today=england_today())
