"""Every report, as a use case: the facts it needs, read through named queries, then its
figures computed by the domain's pure functions."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

from ..domain import competency, packs
from ..domain.briefing import TREND_MONTHS, monthly_briefing, period_briefing
from ..domain.coverage import coverage
from ..domain.periods import QUARTER_PATTERN, month_of, months_back, quarter_months
from .deps import Deps
from .names import directory_names, name_rows


async def latest_month(deps: Deps, today: date) -> str:
    """The month a report opens on: the latest up to this one that has audits or feedback
    (this month when none has)."""
    this_month = month_of(today)
    return await deps.reports.latest_month(this_month) or this_month


async def briefing(deps: Deps, *, period: str, today: date, team: str | None = None,
                   theme: str | None = None) -> dict[str, Any]:
    """`period` is a month (2026-11) or a quarter (2026-Q4, its three months summed)."""
    if QUARTER_PATTERN.match(period):
        return await quarterly_briefing(deps, quarter=period, today=today, team=team,
                                        theme=theme)
    months = months_back(period, TREND_MONTHS)
    gathered = await deps.reports.briefing_facts(months=months, team=team, theme=theme,
                                                 month=period)
    return monthly_briefing(gathered, month=period, months=months, today=today,
                            filters={"team": team, "theme": theme})


async def quarterly_briefing(deps: Deps, *, quarter: str, today: date, team: str | None = None,
                             theme: str | None = None) -> dict[str, Any]:
    """The briefing's figures summed over the quarter's three months (sign-offs are monthly,
    so a quarter has none); trends over the six months ending with the quarter."""
    period = quarter_months(quarter)
    months = months_back(period[-1], TREND_MONTHS)
    gathered, programme = await asyncio.gather(
        deps.reports.briefing_facts(months=months, team=team, theme=theme),
        deps.reports.programme_months(period))
    gathered.signoff = None
    sizes = [p["moderation_sample_size"] for p in programme
             if p.get("moderation_sample_size") is not None]
    return period_briefing(gathered, period=period, months=months, today=today,
                           filters={"team": team, "theme": theme},
                           planned_sample=sum(sizes) if sizes else None, quarter=quarter)


async def forum_pack(deps: Deps, *, quarter: str, today: date, team: str | None,
                     theme: str | None) -> dict[str, Any]:
    months = quarter_months(quarter)
    f, programme = await asyncio.gather(  # at once: each wait is a turn of a busy loop
        deps.reports.briefing_facts(months=months, team=team, theme=theme),
        deps.reports.programme_months(months))
    return packs.forum_pack(f, quarter=quarter, months=months, as_of=today,
                            programme=programme)


async def clinic_pack(deps: Deps, *, team: str, to_month: str, months: int, today: date,
                      viewer: str) -> dict[str, Any]:
    window = months_back(to_month, months)
    f, staff, indicators = await asyncio.gather(
        deps.reports.briefing_facts(months=window, team=team),
        deps.reports.staff(team), deps.reports.team_indicators(team, window))
    pack = packs.clinic_pack(f, team=team, months=window, as_of=today, staff=staff,
                             viewer=viewer, indicators=indicators)
    found = await directory_names(deps)
    pack["team_name"] = found.teams.get(team, team)
    name_rows(found, pack["individuals_needing_support"], people=("worker_id",))
    return pack


async def coverage_report(deps: Deps, *, today: date, team: str | None) -> dict[str, Any]:
    since = today - timedelta(days=365)
    months = months_back(month_of(today), 13)
    audited, observed, staff = await asyncio.gather(
        deps.reports.audit_dates(months), deps.reports.observations(months),
        deps.reports.staff(team))
    audits = [a for a in audited if a.get("submitted_on", "") >= since.isoformat()]
    observations = [o for o in observed if o.get("observed_on", "") >= since.isoformat()]
    report = {"as_of": today.isoformat(), "since": since.isoformat(), "team": team,
              **coverage(staff, audits, observations)}
    found = await directory_names(deps)
    name_rows(found, report["workers"], people=("person_id",), teams=("team_id",))
    name_rows(found, report["meeting_observers"], people=("person_id",))
    return report


async def complaints_report(deps: Deps, *, year: int, today: date, team: str | None,
                            theme: str | None) -> dict[str, Any]:
    """The year against the one before: the complaints either of them reads."""
    months = [f"{y}-{m:02d}" for y in (year - 1, year) for m in range(1, 13)]
    every = await deps.reports.complaints(months, team=team, theme=theme)
    report = packs.complaints_report(every, year=year, as_of=today)
    name_rows(await directory_names(deps), report["stage2_past_65_working_days"],
              teams=("team_id",))
    return report


async def impact_report(deps: Deps, *, month: str, today: date,
                        team: str | None) -> dict[str, Any]:
    months = months_back(month, 12)
    f = await deps.reports.briefing_facts(months=months, team=team)
    return packs.impact_report(f, months=months, as_of=today, team=team)


RECORD_MONTHS = 12


async def auditor_records(deps: Deps, *, to_month: str) -> dict[str, Any]:
    """Every auditor's competency record over the 12 months ending `to_month`."""
    months = months_back(to_month, RECORD_MONTHS)
    audits, moderations = await deps.reports.auditing(months)
    return {"months": months, "auditors": competency.competency_records(audits, moderations)}


async def auditor_record(deps: Deps, auditor_id: str, *, to_month: str) -> dict[str, Any]:
    """One auditor's competency record over the 12 months ending `to_month`."""
    months = months_back(to_month, RECORD_MONTHS)
    audits, moderations = await deps.reports.auditing(months, auditor_id)
    return {"months": months,
            **competency.competency_record(auditor_id, audits, moderations)}


async def outstanding_practice(deps: Deps, *, to_month: str, months: int = RECORD_MONTHS,
                               team: str | None = None) -> dict[str, Any]:
    """The register of outstanding practice: the `months` ending `to_month`, by month and team."""
    window = months_back(to_month, months)
    rows = await deps.reports.good_practice(window, team)
    # The worker whose case it was: the register's rows are read by whose practice they
    # celebrate, not by audit id (reporting keeps no case references).
    workers = await deps.reports.audit_workers([r["audit_id"] for r in rows]) if rows else {}
    for row in rows:
        row["social_worker_id"] = workers.get(row["audit_id"])
    return {"months": window, "team": team, "total": len(rows),
            "register": competency.outstanding_practice(rows)}
