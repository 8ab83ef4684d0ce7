"""Pages of the practice learning team: its queue (each item marked reviewed with a note;
those reviewed with what followed), the annual review of each worker's observations, the
ASYE programme and each worker's ASYE evidence."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ValidationError

from shared.auth import Principal, Role, allow

from ...application import asye, practice_learning
from ...application.deps import Deps
from ...domain.asye import RecordAsye
from ...domain.practice_learning import MarkReviewed, RecordAnnualReview
from ...domain.refusals import Locked, NotAllowed, Refused
from ..deps import get_deps
from ..roles import ASYE_KEEPERS, PLT, PLT_READERS, STAFF
from .plain_errors import for_people
from .rendering import templates

router = APIRouter(include_in_schema=False)
QUEUE = "/practice-learning-team"
REVIEWS = "/practice-learning-team/annual-reviews"
ASYE = "/asye-programme"


def _may(who: Principal, roles: tuple[Role, ...]) -> bool:
    return who.has_any(frozenset(roles))


@router.get(QUEUE, response_class=HTMLResponse)
async def queue(request: Request, who: Principal = Depends(allow(*PLT_READERS)),
                deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _queue_page(request, who, deps, values={}, errors={})


@router.post(QUEUE + "/{item_id}/review", response_class=HTMLResponse)
async def review(request: Request, item_id: str, who: Principal = Depends(allow(*PLT)),
                 deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        command = MarkReviewed.model_validate({"note": form.get(f"note-{item_id}", "")})
        item = await practice_learning.mark_reviewed(deps, item_id, command, who)
    except ValidationError as error:
        errors = {f"{k}-{item_id}": m for k, m in for_people(error).items()}
        return await _queue_page(request, who, deps, values=form, errors=errors, status_code=422)
    except Locked as refused:
        return await _queue_page(request, who, deps, values=form, errors={"": str(refused)},
                                 status_code=409)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no item {item_id} in the queue")
    return RedirectResponse(f"{QUEUE}?done=reviewed#reviewed-{item_id}", status.HTTP_303_SEE_OTHER)


async def _queue_page(request: Request, who: Principal, deps: Deps, *, values: dict[str, str],
                      errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "plt_queue.html", {
        "principal": who, "q": await practice_learning.queue(deps), "v": values,
        "errors": errors, "can_review": _may(who, PLT),
        "done": request.query_params.get("done")}, status_code=status_code)


@router.get(REVIEWS, response_class=HTMLResponse)
async def annual_reviews(request: Request, who: Principal = Depends(allow(*PLT_READERS)),
                         deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _reviews_page(request, who, deps, values={}, errors={})


@router.post(REVIEWS, response_class=HTMLResponse)
async def record_review(request: Request, who: Principal = Depends(allow(*PLT)),
                        deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    refused = await _refusals(RecordAnnualReview, form, lambda command:
                              practice_learning.record_annual_review(deps, command, who))
    if refused:
        return await _reviews_page(request, who, deps, values=form, errors=refused,
                                   status_code=422)
    return RedirectResponse(f"{REVIEWS}?done=recorded", status.HTTP_303_SEE_OTHER)


async def _reviews_page(request: Request, who: Principal, deps: Deps, *,
                        values: dict[str, str], errors: dict[str, str],
                        status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "plt_annual_reviews.html", {
        "principal": who, "rows": await practice_learning.annual_reviews(deps), "v": values,
        "errors": errors, "can_record": _may(who, PLT),
        "done": request.query_params.get("done")}, status_code=status_code)


@router.get(ASYE, response_class=HTMLResponse)
async def asye_programme(request: Request, who: Principal = Depends(allow(*PLT_READERS)),
                         deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _asye_page(request, who, deps, values={}, errors={})


@router.post(ASYE, response_class=HTMLResponse)
async def record_asye(request: Request, who: Principal = Depends(allow(*ASYE_KEEPERS)),
                      deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    refused = await _refusals(RecordAsye, form, lambda command: asye.record(deps, command, who))
    if refused:
        return await _asye_page(request, who, deps, values=form, errors=refused,
                                status_code=422)
    return RedirectResponse(f"{ASYE}?done=recorded", status.HTTP_303_SEE_OTHER)


async def _asye_page(request: Request, who: Principal, deps: Deps, *, values: dict[str, str],
                     errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "asye_programme.html", {
        "principal": who, "workers": await asye.workers(deps), "v": values, "errors": errors,
        "can_record": _may(who, ASYE_KEEPERS), "done": request.query_params.get("done")},
        status_code=status_code)


@router.get(ASYE + "/{person_id}", response_class=HTMLResponse)
async def asye_evidence(request: Request, person_id: str,
                        who: Principal = Depends(allow(*STAFF)),
                        deps: Deps = Depends(get_deps)) -> HTMLResponse:
    try:
        found = await asye.evidence(deps, person_id, who)
    except NotAllowed as refused:  # the platform's 403 page, saying why
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(refused)) from refused
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND,
                            detail=f"{person_id} has no ASYE year recorded")
    return templates.TemplateResponse(request, "asye_evidence.html",
                                      {"principal": who, "a": found})


async def _refusals(model: type[BaseModel], form: dict[str, str], use: Any) -> dict[str, str]:
    """Run the use case with the form as its command; the refusals by field, or none."""
    try:
        await use(model.model_validate({k: v for k, v in form.items() if v != ""}))
    except ValidationError as error:
        return for_people(error)
    except Refused as refusal:
        return {refusal.field: str(refusal)}
    return {}
