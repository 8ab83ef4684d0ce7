"""The monthly briefing's facts, read from the store, then computed by domain.briefing."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from ..domain import names
from ..domain.briefing import TREND_MONTHS, BriefingFacts
from ..domain.briefing import monthly_briefing as compute
from ..domain.briefing import period_briefing
from ..domain.periods import QUARTER_PATTERN, months_back, quarter_months, shift
from ..domain.sections import OPEN
from .facts import FactStore


def scoped(query: dict[str, Any], team: str | None, theme: str | None = None,
           themed: bool = False) -> dict[str, Any]:
    """Add the team and theme filters (theme applies to facts that carry themes)."""
    out = dict(query)
    if team:
        out["team_id"] = team
    if theme and themed:
        out["themes"] = theme
    return out


def actions_for(months: list[str]) -> dict[str, Any]:
    """Every action a report over `months` (a run of months holding its period) reads: raised
    in them, completed or due in them, or still open (overdue now). Not the ones closed long
    ago: after ten years those are nearly all of them."""
    first, after = min(months), shift(max(months), 1)
    return {"$or": [{"raised_month": {"$in": months}}, {"status": {"$in": list(OPEN)}},
                    {"completed_on": {"$gte": first, "$lt": after}},
                    {"due_date": {"$gte": first, "$lt": after}}]}


def complaints_for(months: list[str]) -> dict[str, Any]:
    """Every complaint a report over `months` reads: received in them, a stage responded to
    in them, or one that reached stage 2 (for those still unanswered past 65 working days:
    the store's planner uses no index for "stage 2 without a response", so every complaint
    that reached stage 2 is read, a fifth of them)."""
    first, after = min(months), shift(max(months), 1)
    return {"$or": [{"month": {"$in": months}},
                    {"stages.responded_on": {"$gte": first, "$lt": after}},
                    {"stages.stage": 2}]}


async def briefing_facts(facts: FactStore, *, months: list[str], team: str | None = None,
                         theme: str | None = None, month: str | None = None) -> BriefingFacts:
    """The facts of `months` (a run of months holding the report's period), read at once."""
    window = {"month": {"$in": months}}
    month = month or months[-1]
    reads = {
        "programme": (names.PROGRAMME, {"_id": month}),
        "signoff": (names.SIGNOFFS, {"_id": month}),
        "audits": (names.AUDITS, scoped(window, team)),
        "allocations": (names.ALLOCATIONS, scoped(window, team)),
        "concerns": (names.CONCERNS, scoped(window, team)),
        "moderations": (names.MODERATIONS, scoped(window, team)),
        "grade_changes": (names.GRADE_CHANGES, scoped(window, team)),
        "actions": (names.ACTIONS, scoped(actions_for(months), team)),
        "complaints": (names.COMPLAINTS, scoped(complaints_for(months), team, theme, True)),
        "feedback": (names.FEEDBACK, scoped(window, team, theme, True)),
        "safety_links": (names.SAFETY_LINKS, scoped(window, team)),
        "observations": (names.OBSERVATIONS, scoped(window, team)),
        "checklists": (names.CHECKLISTS, scoped(window, team)),
    }
    found = dict(zip(reads, await asyncio.gather(
        *(facts.find(collection, query) for collection, query in reads.values())),
        strict=True))
    programme, signoff = found.pop("programme"), found.pop("signoff")
    return BriefingFacts(**found, programme=_public(programme[0]) if programme else None,
                         signoff=_public(signoff[0]) if signoff else None)


async def monthly_briefing(facts: FactStore, *, month: str, today: date,
                           team: str | None = None, theme: str | None = None) -> dict[str, Any]:
    months = months_back(month, TREND_MONTHS)
    gathered = await briefing_facts(facts, months=months, team=team, theme=theme, month=month)
    return compute(gathered, month=month, months=months, today=today,
                   filters={"team": team, "theme": theme})


async def quarterly_briefing(facts: FactStore, *, quarter: str, today: date,
                             team: str | None = None,
                             theme: str | None = None) -> dict[str, Any]:
    """The briefing's figures summed over the quarter's three months (sign-offs are monthly,
    so a quarter has none); trends over the six months ending with the quarter."""
    period = quarter_months(quarter)
    months = months_back(period[-1], TREND_MONTHS)
    gathered = await briefing_facts(facts, months=months, team=team, theme=theme)
    gathered.signoff = None
    programme = await facts.find(names.PROGRAMME, {"_id": {"$in": period}})
    sizes = [p["moderation_sample_size"] for p in programme
             if p.get("moderation_sample_size") is not None]
    return period_briefing(gathered, period=period, months=months, today=today,
                           filters={"team": team, "theme": theme},
                           planned_sample=sum(sizes) if sizes else None, quarter=quarter)


async def briefing_for_period(facts: FactStore, *, period: str, today: date,
                              team: str | None = None,
                              theme: str | None = None) -> dict[str, Any]:
    """`period` is a month (2026-11) or a quarter (2026-Q4)."""
    if QUARTER_PATTERN.match(period):
        return await quarterly_briefing(facts, quarter=period, today=today, team=team,
                                        theme=theme)
    return await monthly_briefing(facts, month=period, today=today, team=team, theme=theme)


def _public(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in ("_id", "as_of")}
