"""HTTP API for learning circles: the children proposed on a day and the schedule of
circles for them, a child proposed by hand, a circle recorded with its actions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from shared.auth import Principal, allow
from shared.england_time import england_day
from shared.http import PENDING_RESPONSE
from shared.personal_data.access_log import Reads, records_reads

from ...application import circles
from ...application.deps import Deps
from ...domain.circles import ProposeChild, RecordCircle
from ..deps import get_deps
from ..roles import CIRCLE_KEEPERS
from .answers import answered, refusals_answered

router = APIRouter(prefix="/learning-circles", tags=["learning circles"])


@router.get("")
async def proposals(on: Annotated[date | None, Query(
        description="The day to judge 18 months on (today if not given)")] = None,
                    who: Principal = Depends(allow(*CIRCLE_KEEPERS)),
                    deps: Deps = Depends(get_deps),
                    reads: Reads = Depends(records_reads)) -> dict:
    """Children on a child protection plan for 18 months or more, or on a second or later
    plan, from the newest case list, who have had no circle; a circle every 8 weeks."""
    found = await circles.proposals(deps, on or england_day(deps.clock.now()))
    await reads.children(who, circles.children_shown(found))
    return found


@router.post("/proposals", status_code=201)
async def propose(body: ProposeChild, _: Principal = Depends(allow(*CIRCLE_KEEPERS)),
                  deps: Deps = Depends(get_deps)) -> dict:
    """A child the case list does not show; 422 on `plan_start_date` without one."""
    return await refusals_answered(circles.propose(deps, body))


@router.post("", responses=PENDING_RESPONSE, status_code=201)
async def record(body: RecordCircle, response: Response,
                 who: Principal = Depends(allow(*CIRCLE_KEEPERS)),
                 deps: Deps = Depends(get_deps)) -> dict:
    """A circle held: its actions are tracked by action tracking (origin learning_circle)."""
    circle, published = await refusals_answered(circles.record_circle(deps, body, who))
    return answered(response, published, circle, created=True)
