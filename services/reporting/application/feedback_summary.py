"""Feedback to everyone (issue 13): the quarterly customer feedback summary (the leadership
team's, with each team beside it, and each team's own) and the biannual staff briefing sheet
(a half-year's figures and the lessons the head of quality publishes with them)."""

from __future__ import annotations

from typing import Any

from ..domain import feedback_summary as fs
from ..domain.periods import quarter_months
from .deps import Deps
from .names import directory_names


class LessonsRefused(ValueError):
    """Lessons that could identify someone: nothing is published."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


async def quarterly(deps: Deps, *, quarter: str, team: str | None) -> dict[str, Any]:
    months = quarter_months(quarter)
    items, received, every = await deps.reports.feedback_period(months, team=team)
    found = await directory_names(deps)
    summary = {"quarter": quarter, "months": months, "team": team,
               "team_name": found.teams.get(team, team) if team else None,
               **fs.summary(items, received, every, months=months),
               "teams": None if team else fs.by_team(items, received)}
    for row in summary["teams"] or []:
        row["team_name"] = found.teams.get(row["team_id"], row["team_id"])
    return summary


async def briefing_sheet(deps: Deps, *, half: str) -> dict[str, Any]:
    months = fs.half_months(half)
    items, received, every = await deps.reports.feedback_period(months)
    return {"half": half, "months": months, **fs.summary(items, received, every, months=months),
            "lessons": await deps.reports.staff_briefing(half)}


async def publish_lessons(deps: Deps, *, half: str, lessons: list[str],
                          by: str) -> dict[str, Any]:
    """A new revision of the half-year's lessons (event staff_briefing.published), or
    LessonsRefused naming each lesson that looks like personal data."""
    if problems := fs.lessons_refused(lessons):
        raise LessonsRefused(problems)
    return await deps.staff_briefings.publish(half, by=by, lessons=lessons)
