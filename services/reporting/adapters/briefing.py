"""The monthly briefing's facts, read from the store, then computed by domain.briefing."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain import names
from ..domain.briefing import TREND_MONTHS, BriefingFacts
from ..domain.briefing import monthly_briefing as compute
from ..domain.briefing import period_briefing
from ..domain.periods import QUARTER_PATTERN, months_back, quarter_months
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


async def briefing_facts(facts: FactStore, *, months: list[str], team: str | None = None,
                         theme: str | None = None, month: str | None = None) -> BriefingFacts:
    window = {"month": {"$in": months}}
    month = month or months[-1]
    programme = await facts.find(names.PROGRAMME, {"_id": month})
    signoff = await facts.find(names.SIGNOFFS, {"_id": month})
    return BriefingFacts(
        audits=await facts.find(names.AUDITS, scoped(window, team)),
        allocations=await facts.find(names.ALLOCATIONS, scoped(window, team)),
        concerns=await facts.find(names.CONCERNS, scoped(window, team)),
        moderations=await facts.find(names.MODERATIONS, scoped(window, team)),
        grade_changes=await facts.find(names.GRADE_CHANGES, scoped(window, team)),
        actions=await facts.find(names.ACTIONS, scoped({}, team)),
        complaints=await facts.find(names.COMPLAINTS, scoped({}, team, theme, True)),
        feedback=await facts.find(names.FEEDBACK, scoped(window, team, theme, True)),
        safety_links=await facts.find(names.SAFETY_LINKS, scoped(window, team)),
        observations=await facts.find(names.OBSERVATIONS, scoped(window, team)),
        checklists=await facts.find(names.CHECKLISTS, scoped(window, team)),
        programme=_public(programme[0]) if programme else None,
        signoff=_public(signoff[0]) if signoff else None,
    )


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
