"""The annual programme and rotation, the month's case list and sample, and allocations."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response, status
from schemas.common import MONTH_PATTERN, Month
from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE

from ...domain.allocation import AllocateCase, AllocationRefused
from ...domain.programme import PlanProgramme
from ...domain.selection import DrawModerationSample, DrawSample, parse_cases
from ...application.programme import MonthNotPlanned, duties, planned_month, record_allocation
from ...application.programme import record_cases, record_moderation_sample, record_plan
from ...application.programme import record_sample
from .answers import PLANNERS, READERS, conflict, deps, invalid, not_found, recorded

router = APIRouter(prefix="/programme", tags=["programme"])
T = TypeVar("T")
MonthPath = Annotated[str, Path(pattern=MONTH_PATTERN.pattern)]


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def plan(command: PlanProgramme, request: Request, response: Response,
               who: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """A theme per month from `first_month`; each month's duties from the rotation."""
    published = await record_plan(deps(request), command, who=who)
    return recorded(response, published, months=len(command.themes))


@router.get("/rotation")
async def which_group(request: Request, month: Annotated[Month, Query()],
                      _: Principal = Depends(allow(*READERS))) -> dict[str, Any]:
    return await duties(deps(request), month,
                        first_month=request.app.state.runtime.settings.rotation_first_month)


@router.get("/{month}")
async def get_month(month: MonthPath, request: Request,
                    _: Principal = Depends(allow(*READERS))) -> dict[str, Any]:
    return await _month(request, month)


@router.post("/{month}/cases", responses=PENDING_RESPONSE)
async def import_cases(month: MonthPath, request: Request,
                       csv_text: Annotated[str, Body(media_type="text/csv")],
                       _: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """The month's case list: case_ref, team_id, category[, social_worker_id]."""
    await _month(request, month)
    rows, problems = parse_cases(csv_text)
    if problems:
        raise invalid(*problems)
    await _planned(record_cases(deps(request), month, rows))
    return {"month": month, "cases": len(rows)}


@router.post("/{month}/sample", responses=PENDING_RESPONSE)
async def draw(month: MonthPath, command: DrawSample, request: Request, response: Response,
               who: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """A reproducible sample that skips cases audited in the last 12 months unless overridden."""
    selected, skipped, published = await _planned(
        record_sample(deps(request), month, command, who=who))
    return recorded(response, published, month=month, cases=selected,
                    skipped_recently_audited=skipped)


@router.post("/{month}/allocations", status_code=status.HTTP_201_CREATED,
             responses=PENDING_RESPONSE)
async def allocate_case(month: MonthPath, command: AllocateCase, request: Request,
                        response: Response,
                        who: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """One case per auditor (or pair) from the month's audit group, in a two-week window."""
    try:
        done = await _planned(record_allocation(deps(request), month, command, who=who))
    except AllocationRefused as refused:
        raise (conflict(str(refused)) if refused.conflict
               else invalid(([refused.field], str(refused)))) from refused
    if done.again:
        response.status_code = status.HTTP_200_OK  # the same allocation again
        return {"allocation_id": done.allocation_id, "audit_id": done.allocation_id,
                "published": True}
    return recorded(response, done.published, allocation_id=done.allocation_id,
                    audit_id=done.allocation_id, window_starts_on=done.window_starts_on,
                    deadline=done.deadline)


@router.post("/{month}/moderation-sample", responses=PENDING_RESPONSE)
async def moderation_sample(month: MonthPath, command: DrawModerationSample, request: Request,
                            response: Response,
                            who: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    """The month's agreed sample of submitted audits for the moderating group (seeded); its
    size is the programme's for the month unless `size` is given
    (`programme.moderation_sample_drawn`)."""
    chosen, published = await _planned(record_moderation_sample(deps(request), month, command,
                                                                who=who))
    return recorded(response, published, month=month, audit_ids=chosen)


async def _month(request: Request, month: str) -> dict[str, Any]:
    return await _planned(planned_month(deps(request), month))


async def _planned(step: Awaitable[T]) -> T:
    """A month nobody planned is a 404 that says what to do."""
    try:
        return await step
    except MonthNotPlanned as missing:
        raise not_found(f"programme for {missing.month}: plan it first (POST /programme)") \
            from missing
