"""The annual programme and rotation, the month's case list and sample, and allocations."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Body, Depends, Path, Query, Response, status

from schemas.common import MONTH_PATTERN, Month
from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE

from ...application.allocations import record_allocation
from ...application.deps import Deps
from ...application.programme import MonthNotPlanned, duties, planned_month, record_cases
from ...application.programme import record_moderation_sample, record_plan, record_sample
from ...domain.allocation import AllocateCase, AllocationRefused
from ...domain.programme import PlanProgramme
from ...domain.selection import DrawModerationSample, DrawSample, parse_cases
from ..deps import get_deps
from ..roles import PLANNERS, READERS
from .answers import conflict, invalid, not_found, recorded

router = APIRouter(prefix="/programme", tags=["programme"])
T = TypeVar("T")
MonthPath = Annotated[str, Path(pattern=MONTH_PATTERN.pattern)]


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def plan(command: PlanProgramme, response: Response,
               who: Principal = Depends(allow(*PLANNERS)),
               deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """A theme per month from `first_month`; each month's duties from the rotation."""
    published = await record_plan(deps, command, who=who)
    return recorded(response, published, months=len(command.themes))


@router.get("/rotation")
async def which_group(month: Annotated[Month, Query()],
                      _: Principal = Depends(allow(*READERS)),
                      deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    return await duties(deps, month)


@router.get("/{month}")
async def get_month(month: MonthPath, _: Principal = Depends(allow(*READERS)),
                    deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    return await _planned(planned_month(deps, month))


@router.post("/{month}/cases", responses=PENDING_RESPONSE)
async def import_cases(month: MonthPath,
                       csv_text: Annotated[str, Body(media_type="text/csv")],
                       response: Response, who: Principal = Depends(allow(*PLANNERS)),
                       deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """The month's case list: case_ref, team_id, category[, social_worker_id]; for a child
    on a child protection plan also cp_plan_start_date, cp_plan_number (1 for a first plan)
    and cp_plan_end_date (YYYY-MM-DD), which go to learning for learning circles."""
    await _planned(planned_month(deps, month))
    rows, problems = parse_cases(csv_text)
    if problems:
        raise invalid(*problems)
    published = await _planned(record_cases(deps, month, rows, who=who))
    return recorded(response, published, month=month, cases=len(rows))


@router.post("/{month}/sample", responses=PENDING_RESPONSE)
async def draw(month: MonthPath, command: DrawSample, response: Response,
               who: Principal = Depends(allow(*PLANNERS)),
               deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """A reproducible sample that skips cases audited in the last 12 months unless overridden."""
    selected, skipped, published = await _planned(record_sample(deps, month, command, who=who))
    return recorded(response, published, month=month, cases=selected,
                    skipped_recently_audited=skipped)


@router.post("/{month}/allocations", status_code=status.HTTP_201_CREATED,
             responses=PENDING_RESPONSE)
async def allocate_case(month: MonthPath, command: AllocateCase, response: Response,
                        who: Principal = Depends(allow(*PLANNERS)),
                        deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """One case per auditor (or pair) from the month's audit group, in a two-week window."""
    try:
        done = await _planned(record_allocation(deps, month, command, who=who))
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
async def moderation_sample(month: MonthPath, command: DrawModerationSample,
                            response: Response, who: Principal = Depends(allow(*PLANNERS)),
                            deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """The month's agreed sample of submitted audits for the moderating group (seeded); its
    size is the programme's for the month unless `size` is given
    (`programme.moderation_sample_drawn`)."""
    chosen, published = await _planned(record_moderation_sample(deps, month, command, who=who))
    return recorded(response, published, month=month, audit_ids=chosen)


async def _planned(step: Awaitable[T]) -> T:
    """A month nobody planned is a 404 that says what to do."""
    try:
        return await step
    except MonthNotPlanned as missing:
        raise not_found(f"programme for {missing.month}: plan it first (POST /programme)") \
            from missing
