"""The head of quality's programme commands, shared by the JSON API and the pages: plan the
year, import the month's cases, draw the sample, draw the moderation sample (allocating a
case is allocations.py); and what the planning pages read.

Refusals are domain exceptions; each entrypoint turns them into its own answer (a JSON 404,
409 or 422, or a message on the form)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.circles import ChildProtectionPlansListed
from schemas.programme import CaseSampleDrawn, SelectedCase
from shared.auth import Principal
from shared.england_time import england_today
from shared.envelope import derived_id, utc_now
from shared.http import current_correlation_id

from ..domain.programme import PlanProgramme, last_month_of, plan_programme
from ..domain.rotation import PlannedDuty, rotation
from ..domain.sampling import Case, draw_sample, exclusion_window
from ..domain.selection import CASE_FIELDS, CaseListRow, DrawModerationSample, DrawSample
from ..domain.selection import draw_moderation_sample
from .deps import Deps


class MonthNotPlanned(Exception):
    def __init__(self, month: str) -> None:
        super().__init__(f"no programme for {month}: plan it first")
        self.month = month


@dataclass(frozen=True)
class MonthPlan:
    """What the month's planning page shows: the plan, its audit group, the month's audits."""

    planned: dict[str, Any]
    group: list[dict[str, Any]]
    audits: list[dict[str, Any]]


async def planned_month(deps: Deps, month: str) -> dict[str, Any]:
    planned = await deps.months.get(month)
    if planned is None:
        raise MonthNotPlanned(month)
    return planned


async def planned_months(deps: Deps) -> list[dict[str, Any]]:
    """The last five years of months planned, in calendar order."""
    return await deps.months.latest(limit=60)


async def month_plan(deps: Deps, month: str) -> MonthPlan:
    planned = await planned_month(deps, month)
    return MonthPlan(planned, group=await deps.staff.in_audit_group(planned["audit_group"]),
                     audits=await deps.audits.of_month(month))


def _duty(planned: dict[str, Any] | None) -> PlannedDuty | None:
    return None if planned is None else PlannedDuty(planned["_id"], planned["audit_group"])


async def _neighbours(deps: Deps, first: str, last: str) -> dict[str, PlannedDuty | None]:
    """The last month planned before `first` and the first planned after `last`."""
    return {"before": _duty(await deps.months.last_before(first)),
            "after": _duty(await deps.months.first_after(last))}


async def duties(deps: Deps, month: str) -> dict[str, Any]:
    """Which group audits, moderates and improves in `month`: as planned, else the rotation
    continued from the nearest planned month (QA_ROTATION_FIRST_MONTH only when none is)."""
    planned = await deps.months.get(month)
    if planned:
        return {k: planned[k] for k in ("month", "theme", "audit_group", "moderation_group",
                                        "improvement_group")} | {"planned": True}
    duty = rotation(month, first_month=deps.rotation_first_month,
                    **await _neighbours(deps, month, month))
    return {"month": month, "theme": None, "audit_group": duty.audit_group,
            "moderation_group": duty.moderation_group,
            "improvement_group": duty.improvement_group, "planned": False}


async def record_plan(deps: Deps, command: PlanProgramme, *, who: Principal) -> bool:
    """A theme per month from `first_month`; True once every month's event is published."""
    published = True
    neighbours = await _neighbours(deps, command.first_month, last_month_of(command))
    for fact in plan_programme(command, planned_by=who.subject, **neighbours):
        fields = fact.model_dump(mode="json")
        existing = await deps.months.get(fact.month)
        if existing is None:
            published &= await deps.months.create(
                {"_id": fact.month, **fields}, [fact], correlation_id=current_correlation_id())
        else:
            published &= await deps.months.change(
                existing, fields, [fact], correlation_id=current_correlation_id())
    return published


async def record_cases(deps: Deps, month: str, rows: list[dict[str, Any]], *,
                       who: Principal | None = None) -> bool:
    """The month's case list (the sample is drawn from it). Its child protection plans go
    out as one event, for learning to find the children for learning circles; True once
    published."""
    planned = await planned_month(deps, month)
    plans = [plan for row in rows if (plan := CaseListRow(**row).plan())]
    listed = ChildProtectionPlansListed(month=month, plans=plans, listed_on=england_today(),
                                        listed_by=who.subject if who else None)
    return await deps.months.change(
        planned, {"cases": [{k: row.get(k) for k in CASE_FIELDS} for row in rows]}, [listed],
        correlation_id=current_correlation_id())


async def record_sample(deps: Deps, month: str, command: DrawSample, *,
                        who: Principal) -> tuple[list[dict[str, Any]], list[str], bool]:
    """(the selected cases, those skipped as audited in the last 12 months, published)."""
    planned = await planned_month(deps, month)
    cases = [Case(**c) for c in planned.get("cases") or []]
    first, last = exclusion_window(month)
    recent = await deps.audits.recently_audited(
        [c.case_ref for c in cases] + [a.case_ref for a in command.additions],
        first=first, last=last)
    sample = draw_sample(
        cases, size=command.size, seed=command.seed, method=command.method, strata=command.strata,
        recently_audited=recent, overrides={o.case_ref: o.reason for o in command.overrides},
        additions=[(Case(**a.model_dump(exclude={"reason"})), a.reason)
                   for a in command.additions])
    fact = CaseSampleDrawn(
        sample_id=derived_id("sample", month, command.seed, utc_now().isoformat()), month=month,
        method=command.method, seed=command.seed, size=command.size,
        cases=[SelectedCase(case_ref=c.case.case_ref, team_id=c.case.team_id,
                            category=c.case.category, reason=c.reason) for c in sample.chosen],
        skipped_recently_audited=len(sample.skipped_recently_audited), drawn_by=who.subject,
        drawn_at=utc_now())
    selected = [c.model_dump(mode="json") | {"social_worker_id": ch.case.social_worker_id}
                for c, ch in zip(fact.cases, sample.chosen, strict=True)]
    published = await deps.months.change(
        planned, {"sample": selected, "sample_seed": command.seed,
                  "skipped_recently_audited": sample.skipped_recently_audited}, [fact],
        correlation_id=current_correlation_id())
    return selected, sample.skipped_recently_audited, published


async def record_moderation_sample(deps: Deps, month: str, command: DrawModerationSample, *,
                                   who: Principal) -> tuple[list[str], bool]:
    """The month's agreed sample of submitted audits (seeded; the programme's size if none),
    with the pool it was drawn from: an audit submitted later is not in it (lifecycle.py).
    (the audits picked, published)"""
    planned = await planned_month(deps, month)
    drawn_at = utc_now()
    submitted = sorted(a["_id"] for a in await deps.audits.of_month(month, status="submitted"))
    fact = draw_moderation_sample(command, month=month, submitted=submitted,
                                  planned_size=planned.get("moderation_sample_size", 0),
                                  drawn_by=who.subject, now=drawn_at)
    published = await deps.months.change(planned, {"moderation_sample": fact.audit_ids,
                                                    "moderation_sample_seed": fact.seed,
                                                    "moderation_sample_drawn_from": submitted,
                                                    "moderation_sample_drawn_at": drawn_at,
                                                    "moderation_sample_drawn_by": fact.drawn_by},
                                         [fact], correlation_id=current_correlation_id())
    return fact.audit_ids, published
