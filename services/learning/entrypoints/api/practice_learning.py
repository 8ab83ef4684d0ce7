"""HTTP API for the practice learning team: its queue of shared observations and audit
outcomes (each marked reviewed with a note), the annual review of each worker's
observations, and the ASYE programme (who is in their year, and each one's evidence)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from shared.auth import Principal, allow
from shared.http import found_or_404

from ...application import asye, practice_learning
from ...application.deps import Deps
from ...domain.asye import RecordAsye
from ...domain.practice_learning import MarkReviewed, RecordAnnualReview
from ..deps import get_deps
from ..roles import ASYE_KEEPERS, PLT, PLT_READERS, STAFF
from .answers import refusals_answered

router = APIRouter(tags=["practice learning"])


@router.get("/practice-learning/queue")
async def queue(who: Principal = Depends(allow(*PLT_READERS)),
                deps: Deps = Depends(get_deps)) -> dict:
    """`to_review` (newest first) and `reviewed`, each with what followed for the worker."""
    return await practice_learning.queue(deps)


@router.post("/practice-learning/queue/{item_id}/reviewed")
async def mark_reviewed(item_id: str, body: MarkReviewed,
                        who: Principal = Depends(allow(*PLT)),
                        deps: Deps = Depends(get_deps)) -> dict:
    """Once (409 after); 422 on `note` without one."""
    item = await refusals_answered(practice_learning.mark_reviewed(deps, item_id, body, who))
    return found_or_404(item, f"no item {item_id} in the practice learning team's queue")


@router.get("/practice-learning/annual-reviews")
async def annual_reviews(who: Principal = Depends(allow(*PLT_READERS)),
                         deps: Deps = Depends(get_deps)) -> list[dict]:
    """Every worker observed: `due_by` and `state` (overdue, due, not_due), most overdue first."""
    return await practice_learning.annual_reviews(deps)


@router.post("/practice-learning/annual-reviews", status_code=status.HTTP_201_CREATED)
async def record_annual_review(body: RecordAnnualReview, who: Principal = Depends(allow(*PLT)),
                               deps: Deps = Depends(get_deps)) -> dict:
    """422 on `worker_id` for a worker with no observation, on `reviewed_on` in the future."""
    return await refusals_answered(practice_learning.record_annual_review(deps, body, who))


@router.get("/asye")
async def asye_workers(who: Principal = Depends(allow(*PLT_READERS)),
                       deps: Deps = Depends(get_deps)) -> list[dict]:
    """Workers in their ASYE year with their 3/6/12-month review points."""
    return await asye.workers(deps)


@router.post("/asye", status_code=status.HTTP_201_CREATED)
async def record_asye(body: RecordAsye, who: Principal = Depends(allow(*ASYE_KEEPERS)),
                      deps: Deps = Depends(get_deps)) -> dict:
    """A worker's ASYE start (again: the date corrected); 422 on `person_id` not in the
    directory."""
    return await refusals_answered(asye.record(deps, body, who))


@router.get("/asye/{person_id}")
async def asye_evidence(person_id: str, who: Principal = Depends(allow(*STAFF)),
                        deps: Deps = Depends(get_deps)) -> dict:
    """The worker, those above them and the practice learning roles (403 otherwise)."""
    found = await refusals_answered(asye.evidence(deps, person_id, who))
    return found_or_404(found, f"{person_id} has no ASYE year recorded")
