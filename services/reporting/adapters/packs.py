"""Facts for the Forum pack, clinic pack, coverage, complaints and impact reports."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

from ..domain import names, packs
from ..domain.coverage import coverage
from ..domain.periods import month_of, months_back
from .briefing import briefing_facts, complaints_for, scoped
from .facts import FactStore


async def forum_pack(facts: FactStore, *, quarter: str, months: list[str], today: date,
                     team: str | None, theme: str | None) -> dict[str, Any]:
    f, programme = await asyncio.gather(  # at once: each wait is a turn of a busy loop
        briefing_facts(facts, months=months, team=team, theme=theme),
        facts.find(names.PROGRAMME, {"_id": {"$in": months}}))
    return packs.forum_pack(f, quarter=quarter, months=months, as_of=today,
                            programme=programme)


async def clinic_pack(facts: FactStore, *, team: str, months: list[str], today: date,
                      viewer: str) -> dict[str, Any]:
    f, staff, indicators = await asyncio.gather(
        briefing_facts(facts, months=months, team=team),
        facts.find(names.STAFF, {"team_id": team}),
        facts.find(names.INDICATORS, {"team_id": team, "month": {"$in": months}}))
    return packs.clinic_pack(f, team=team, months=months, as_of=today, staff=staff,
                             viewer=viewer, indicators=indicators)


async def coverage_report(facts: FactStore, *, today: date, team: str | None) -> dict[str, Any]:
    since = today - timedelta(days=365)
    months = months_back(month_of(today), 13)
    audited, observed, staff = await asyncio.gather(
        facts.find(names.AUDITS, {"month": {"$in": months}},
                   fields=["social_worker_id", "submitted_on"]),
        facts.find(names.OBSERVATIONS, {"month": {"$in": months}}),
        facts.find(names.STAFF, scoped({}, team)))
    audits = [a for a in audited if a.get("submitted_on", "") >= since.isoformat()]
    observations = [o for o in observed if o.get("observed_on", "") >= since.isoformat()]
    return {"as_of": today.isoformat(), "since": since.isoformat(), "team": team,
            **coverage(staff, audits, observations)}


async def complaints_report(facts: FactStore, *, year: int, today: date,
                            team: str | None, theme: str | None) -> dict[str, Any]:
    """The year against the one before: the complaints either of them reads."""
    months = [f"{y}-{m:02d}" for y in (year - 1, year) for m in range(1, 13)]
    every = await facts.find(names.COMPLAINTS, scoped(complaints_for(months), team, theme, True))
    return packs.complaints_report(every, year=year, as_of=today)


async def impact_report(facts: FactStore, *, month: str, today: date,
                        team: str | None) -> dict[str, Any]:
    months = months_back(month, 12)
    f = await briefing_facts(facts, months=months, team=team)
    return packs.impact_report(f, months=months, as_of=today)
