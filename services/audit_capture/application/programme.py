"""The head of quality's programme commands, shared by the JSON API and the pages: plan the
year, import the month's cases, draw the sample, allocate a case, draw the moderation sample.

Refusals are domain exceptions; each entrypoint turns them into its own answer (a JSON 404,
409 or 422, or a message on the form)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from schemas.programme import CaseSampleDrawn, SelectedCase
from shared.auth import Principal
from shared.envelope import derived_id, utc_now
from shared.http import current_correlation_id
from shared.outbox import VersionConflict

from ..domain.allocation import AllocateCase, AllocationRefused, allocate
from ..domain.programme import PlanProgramme, plan_programme
from ..domain.rotation import rotation
from ..domain.sampling import Case, draw_sample, exclusion_window
from ..domain.selection import DrawModerationSample, DrawSample, draw_moderation_sample


class MonthNotPlanned(Exception):
    def __init__(self, month: str) -> None:
        super().__init__(f"no programme for {month}: plan it first")
        self.month = month


@dataclass(frozen=True)
class Allocated:
    allocation_id: str
    published: bool
    again: bool  # the same allocation asked for twice: nothing new recorded
    window_starts_on: date | None = None
    deadline: date | None = None


async def planned_month(d: Any, month: str) -> dict[str, Any]:
    planned = await d.months.get(month)
    if planned is None:
        raise MonthNotPlanned(month)
    return planned


async def duties(d: Any, month: str, *, first_month: str) -> dict[str, Any]:
    """Which group audits, moderates and improves in `month`: as planned, else the rotation."""
    planned = await d.months.get(month)
    if planned:
        return {k: planned[k] for k in ("month", "theme", "audit_group", "moderation_group",
                                        "improvement_group")} | {"planned": True}
    duty = rotation(month, first_month=first_month)
    return {"month": month, "theme": None, "audit_group": duty.audit_group,
            "moderation_group": duty.moderation_group,
            "improvement_group": duty.improvement_group, "planned": False}


async def record_plan(d: Any, command: PlanProgramme, *, who: Principal) -> bool:
    """A theme per month from `first_month`; True once every month's event is published."""
    published = True
    for fact in plan_programme(command, planned_by=who.subject):
        fields = fact.model_dump(mode="json")
        existing = await d.months.get(fact.month)
        if existing is None:
            published &= await d.months.create(
                {"_id": fact.month, **fields}, [fact], correlation_id=current_correlation_id())
        else:
            published &= await d.months.change(
                existing, fields, [fact], correlation_id=current_correlation_id())
    return published


async def record_cases(d: Any, month: str, rows: list[dict[str, Any]]) -> None:
    planned = await planned_month(d, month)
    await d.months.change(planned, {"cases": rows}, [], correlation_id=current_correlation_id())


async def record_sample(d: Any, month: str, command: DrawSample, *,
                        who: Principal) -> tuple[list[dict[str, Any]], list[str], bool]:
    """(the selected cases, those skipped as audited in the last 12 months, published)."""
    planned = await planned_month(d, month)
    cases = [Case(**c) for c in planned.get("cases") or []]
    first, last = exclusion_window(month)
    recent = await d.audits.recently_audited(
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
    published = await d.months.change(
        planned, {"sample": selected, "sample_seed": command.seed,
                  "skipped_recently_audited": sample.skipped_recently_audited}, [fact],
        correlation_id=current_correlation_id())
    return selected, sample.skipped_recently_audited, published


async def record_allocation(d: Any, month: str, command: AllocateCase, *,
                            who: Principal) -> Allocated:
    """One case per auditor (or pair) from the month's audit group (AllocationRefused)."""
    planned = await planned_month(d, month)
    allocation_id = derived_id("allocation", month, command.case_ref)
    existing = await d.audits.get(allocation_id)
    if existing and sorted(existing["auditor_ids"]) == sorted(command.auditor_ids):
        return Allocated(allocation_id, published=True, again=True)
    if existing:
        raise AllocationRefused("case_ref", f"{command.case_ref} is already allocated in {month}",
                                conflict=True)
    members = {p["_id"]: p.get("audit_group")
               for p in await d.staff.find({"_id": {"$in": command.auditor_ids}})}
    fact = allocate(command, month=month, audit_group=planned["audit_group"], groups=members,
                    already_allocated=await d.audits.allocated_auditors(month),
                    allocation_id=allocation_id, allocated_by=who.subject)
    document = {"_id": allocation_id, "status": "allocated", "draft": None,
                **fact.model_dump(mode="json")}
    try:
        published = await d.audits.create(document, [fact], correlation_id=current_correlation_id())
    except VersionConflict as error:
        raise AllocationRefused("case_ref", f"{command.case_ref} was allocated at the same "
                                            "moment", conflict=True) from error
    return Allocated(allocation_id, published=published, again=False,
                     window_starts_on=fact.window_starts_on, deadline=fact.deadline)


async def record_moderation_sample(d: Any, month: str, command: DrawModerationSample, *,
                                   who: Principal) -> tuple[list[str], bool]:
    """The month's agreed sample of submitted audits (seeded; the programme's size if none),
    with the pool it was drawn from: an audit submitted later is not in it (lifecycle.py).
    (the audits picked, published)"""
    planned = await planned_month(d, month)
    drawn_at = utc_now()
    submitted = sorted(a["_id"] for a in await d.audits.of_month(month, status="submitted"))
    fact = draw_moderation_sample(command, month=month, submitted=submitted,
                                  planned_size=planned.get("moderation_sample_size", 0),
                                  drawn_by=who.subject, now=drawn_at)
    published = await d.months.change(planned, {"moderation_sample": fact.audit_ids,
                                                 "moderation_sample_seed": fact.seed,
                                                 "moderation_sample_drawn_from": submitted,
                                                 "moderation_sample_drawn_at": drawn_at,
                                                 "moderation_sample_drawn_by": fact.drawn_by},
                                       [fact], correlation_id=current_correlation_id())
    return fact.audit_ids, published
