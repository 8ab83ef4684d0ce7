"""The lists behind the briefing's figures: ids and categories, never free text."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain.periods import months_between
from ..domain.sections import is_overdue
from .deps import Deps
from .names import directory_names, names_beside_ids


async def facts_behind(deps: Deps, kind: str, *, month: str | None, from_month: str | None,
                       team: str | None, grade: str | None, status: str | None,
                       overdue: bool, today: date) -> list[dict[str, Any]]:
    """`kind`'s facts in `month` (or every month from `from_month` to it); `overdue` keeps
    only the open actions past their due date."""
    months = (months_between(from_month, month) if from_month else [month]) if month else None
    rows = await deps.reports.listed(kind, months=months, team=team, grade=grade, status=status)
    if overdue:
        rows = [r for r in rows if is_overdue(r, today)]
    for row in rows:
        row.pop("as_of", None)
    return rows


async def for_export(deps: Deps, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as a CSV or Excel file shows them: names beside the people's and teams' ids."""
    return names_beside_ids(await directory_names(deps), rows)


async def actions_behind(deps: Deps, *, origin_id: str | None, team: str | None,
                         raised_month: str | None, today: date) -> list[dict[str, Any]]:
    """Overdue first, then by due date."""
    rows = await deps.reports.actions(origin_id=origin_id, team=team, raised_month=raised_month)
    for row in rows:
        row["overdue"] = is_overdue(row, today)
    return sorted(rows, key=lambda r: (not r["overdue"], r["due_date"]))
