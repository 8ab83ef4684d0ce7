"""The annual programme and rotation, the month's case list and sample, and allocations."""

from __future__ import annotations

import random
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response, status
from schemas.common import MONTH_PATTERN, Month
from schemas.programme import CaseSampleDrawn, SelectedCase
from shared.auth import Principal, allow
from shared.envelope import derived_id, utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id
from shared.outbox import VersionConflict

from ..domain.allocation import AllocateCase, AllocationRefused, allocate
from ..domain.programme import PlanProgramme, plan_programme
from ..domain.rotation import rotation
from ..domain.sampling import Case, draw_sample, exclusion_window
from ..domain.selection import DrawSample, parse_cases
from .common import PLANNERS, READERS, conflict, deps, invalid, not_found, recorded

router = APIRouter(prefix="/programme", tags=["programme"])
MonthPath = Annotated[str, Path(pattern=MONTH_PATTERN.pattern)]


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def plan(command: PlanProgramme, request: Request, response: Response,
               who: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """A theme per month from `first_month`; each month's duties from the rotation."""
    published = True
    for fact in plan_programme(command, planned_by=who.subject):
        fields = fact.model_dump(mode="json")
        existing = await deps(request).months.get(fact.month)
        if existing is None:
            published &= await deps(request).months.create(
                {"_id": fact.month, **fields}, [fact], correlation_id=current_correlation_id())
        else:
            published &= await deps(request).months.change(
                existing, fields, [fact], correlation_id=current_correlation_id())
    return recorded(response, published, months=len(command.themes))


@router.get("/rotation")
async def which_group(request: Request, month: Annotated[Month, Query()],
                      _: Principal = Depends(allow(*READERS))) -> dict[str, Any]:
    planned = await deps(request).months.get(month)
    if planned:
        return {k: planned[k] for k in ("month", "theme", "audit_group", "moderation_group",
                                        "improvement_group")} | {"planned": True}
    duty = rotation(month, first_month=request.app.state.runtime.settings.rotation_first_month)
    return {"month": month, "theme": None, "audit_group": duty.audit_group,
            "moderation_group": duty.moderation_group,
            "improvement_group": duty.improvement_group, "planned": False}


@router.get("/{month}")
async def get_month(month: MonthPath, request: Request,
                    _: Principal = Depends(allow(*READERS))) -> dict[str, Any]:
    return await _month(request, month)


@router.post("/{month}/cases", responses=PENDING_RESPONSE)
async def import_cases(month: MonthPath, request: Request,
                       csv_text: Annotated[str, Body(media_type="text/csv")],
                       _: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """The month's case list: case_ref, team_id, category[, social_worker_id]."""
    planned = await _month(request, month)
    rows, problems = parse_cases(csv_text)
    if problems:
        raise invalid(*problems)
    await deps(request).months.change(planned, {"cases": rows}, [],
                                      correlation_id=current_correlation_id())
    return {"month": month, "cases": len(rows)}


@router.post("/{month}/sample", responses=PENDING_RESPONSE)
async def draw(month: MonthPath, command: DrawSample, request: Request, response: Response,
               who: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """A reproducible sample that skips cases audited in the last 12 months unless overridden."""
    planned = await _month(request, month)
    cases = [Case(**c) for c in planned.get("cases") or []]
    first, last = exclusion_window(month)
    recent = await deps(request).audits.recently_audited(
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
    published = await deps(request).months.change(
        planned, {"sample": selected, "sample_seed": command.seed}, [fact],
        correlation_id=current_correlation_id())
    return recorded(response, published, month=month, cases=selected,
                    skipped_recently_audited=sample.skipped_recently_audited)


@router.post("/{month}/allocations", status_code=status.HTTP_201_CREATED,
             responses=PENDING_RESPONSE)
async def allocate_case(month: MonthPath, command: AllocateCase, request: Request,
                        response: Response,
                        who: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """One case per auditor (or pair) from the month's audit group, in a two-week window."""
    d = deps(request)
    planned = await _month(request, month)
    allocation_id = derived_id("allocation", month, command.case_ref)
    existing = await d.audits.get(allocation_id)
    if existing and sorted(existing["auditor_ids"]) == sorted(command.auditor_ids):
        response.status_code = status.HTTP_200_OK  # the same allocation again
        return {"allocation_id": allocation_id, "audit_id": allocation_id, "published": True}
    if existing:
        raise conflict(f"{command.case_ref} is already allocated in {month}")
    members = {p["_id"]: p.get("audit_group")
               for p in await d.staff.find({"_id": {"$in": command.auditor_ids}})}
    try:
        fact = allocate(command, month=month, audit_group=planned["audit_group"], groups=members,
                        already_allocated=await d.audits.allocated_auditors(month),
                        allocation_id=allocation_id, allocated_by=who.subject)
    except AllocationRefused as refused:
        raise (conflict(str(refused)) if refused.conflict
               else invalid(([refused.field], str(refused)))) from refused
    document = {"_id": allocation_id, "status": "allocated", "draft": None,
                **fact.model_dump(mode="json")}
    try:
        published = await d.audits.create(document, [fact], correlation_id=current_correlation_id())
    except VersionConflict as error:
        raise conflict(f"{command.case_ref} was allocated at the same moment") from error
    return recorded(response, published, allocation_id=allocation_id, audit_id=allocation_id,
                    window_starts_on=fact.window_starts_on, deadline=fact.deadline)


@router.post("/{month}/moderation-sample")
async def moderation_sample(month: MonthPath, request: Request,
                            seed: Annotated[int, Body(embed=True)],
                            _: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """The month's agreed sample of submitted audits for the moderating group (seeded)."""
    planned = await _month(request, month)
    submitted = sorted(a["_id"] for a in await deps(request).audits.of_month(
        month, status="submitted"))
    size = min(planned.get("moderation_sample_size", 0), len(submitted))
    chosen = sorted(random.Random(seed).sample(submitted, size))
    await deps(request).months.change(planned, {"moderation_sample": chosen}, [],
                                      correlation_id=current_correlation_id())
    return {"month": month, "audit_ids": chosen}


async def _month(request: Request, month: str) -> dict[str, Any]:
    planned = await deps(request).months.get(month)
    if planned is None:
        raise not_found(f"programme for {month}: plan it first (POST /programme)")
    return planned
