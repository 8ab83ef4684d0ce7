"""Subject access pages for the data protection officer: the requests with their due dates
(overdue marked) and a form to record one; a request's page to move it on, gather its bundle,
review the third-party items (release or withhold, with a reason) and open the bundle."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.auth import Principal, allow
from shared.england_time import england_day
from shared.personal_data.access_log import Reads, records_reads

from ...application import subject_access as requests
from ...application.deps import Deps
from ...domain.bundle_review import DECISIONS, ReviewRefused, items_to_review, undecided
from ...domain.subject_access import ORDER, Progress, StepRefused
from ..api.subject_access import officer_token
from ..deps import get_deps
from ..roles import OFFICERS
from .home_links import LINKS, Link
from .rendering import templates
from .subject_access_form import KINDS, parse_new_request

router = APIRouter(include_in_schema=False)
LINKS.append(Link("/subject-access", "Subject access requests: record, gather, review, release",
                  OFFICERS))


@router.get("/subject-access", response_class=HTMLResponse)
async def requests_page(request: Request, who: Principal = Depends(allow(*OFFICERS)),
                        deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _list(request, who, deps, v={}, errors={})


@router.post("/subject-access", response_class=HTMLResponse)
async def record_from_page(request: Request, who: Principal = Depends(allow(*OFFICERS)),
                           deps: Deps = Depends(get_deps)) -> HTMLResponse:
    form = {k: str(v) for k, v in (await request.form()).items()}
    parsed, errors = parse_new_request(form, today=england_day(deps.clock.now()))
    if errors:
        return await _list(request, who, deps, v=form, errors=errors, status_code=422)
    made = await requests.record_request(deps, **parsed, recorded_by=who.subject)
    return RedirectResponse(f"/subject-access/{made['_id']}", status_code=303)


@router.get("/subject-access/{request_id}", response_class=HTMLResponse)
async def request_page(request_id: str, request: Request,
                       who: Principal = Depends(allow(*OFFICERS)),
                       deps: Deps = Depends(get_deps),
                       reads: Reads = Depends(records_reads)) -> HTMLResponse:
    return await _one(request, who, deps, reads, request_id, errors={})


@router.post("/subject-access/{request_id}/progress", response_class=HTMLResponse)
async def move_on_from_page(request_id: str, request: Request,
                            who: Principal = Depends(allow(*OFFICERS)),
                            deps: Deps = Depends(get_deps),
                            reads: Reads = Depends(records_reads)) -> HTMLResponse:
    wanted = str((await request.form()).get("progress", ""))
    try:
        await _or_404(requests.move_on(deps, request_id, Progress(wanted)))
    except (StepRefused, ValueError) as refused:
        reason = str(refused) if isinstance(refused, StepRefused) else "Choose the next step."
        return await _one(request, who, deps, reads, request_id,
                          errors={"progress": reason}, status_code=409)
    return RedirectResponse(f"/subject-access/{request_id}", status_code=303)


@router.post("/subject-access/{request_id}/bundle", response_class=HTMLResponse)
async def gather_from_page(request_id: str, request: Request,
                           who: Principal = Depends(allow(*OFFICERS)),
                           deps: Deps = Depends(get_deps),
                           reads: Reads = Depends(records_reads)) -> HTMLResponse:
    try:
        await _or_404(requests.gather_bundle(deps, request_id, token=officer_token(request)))
    except requests.ServiceDidNotAnswer as failed:
        return await _one(request, who, deps, reads, request_id, status_code=503, errors={
            "gather": f"The bundle was not gathered: {failed}. Try again in a minute."})
    return RedirectResponse(f"/subject-access/{request_id}#review-heading", status_code=303)


@router.post("/subject-access/{request_id}/review", response_class=HTMLResponse)
async def review_from_page(request_id: str, request: Request,
                           who: Principal = Depends(allow(*OFFICERS)),
                           deps: Deps = Depends(get_deps),
                           reads: Reads = Depends(records_reads)) -> HTMLResponse:
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        await _or_404(requests.review_item(
            deps, request_id, service=form.get("service", ""), path=form.get("path", ""),
            decision=form.get("decision", ""), reason=form.get("reason", ""), by=who.subject))
    except ReviewRefused as refused:
        return await _one(request, who, deps, reads, request_id, status_code=422,
                          errors=refused.errors, item=(form.get("service"), form.get("path")))
    return RedirectResponse(f"/subject-access/{request_id}#review-heading", status_code=303)


async def _list(request: Request, who: Principal, deps: Deps, *, v: dict[str, str],
                errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    today = england_day(deps.clock.now())
    rows = [{**r, "overdue": _overdue(r, today)} for r in await deps.subject_access.newest()]
    return templates.TemplateResponse(request, "subject_access.html", {
        "principal": who, "requests": rows, "v": v or {"received_on": today.isoformat()},
        "errors": errors, "kinds": list(KINDS.items())}, status_code=status_code)


async def _one(request: Request, who: Principal, deps: Deps, reads: Reads, request_id: str, *,
               errors: dict[str, str], status_code: int = 200,
               item: tuple[Any, Any] | None = None) -> HTMLResponse:
    found = await _or_404(requests.open_request(deps, request_id))
    bundle = await deps.subject_access.bundle(request_id)
    if bundle is not None:  # the page shows what is held about the subject: a read
        record = reads.child if found["kind"] == "child" else reads.staff
        await record(who, found["reference"], record_id=request_id)
    step = ORDER.index(Progress(found["progress"])) + 1
    return templates.TemplateResponse(request, "subject_access_request.html", {
        "principal": who, "r": found, "overdue": _overdue(found, england_day(deps.clock.now())),
        "next_step": ORDER[step].value if step < len(ORDER) else None, "bundle": bundle,
        "items": items_to_review(bundle) if bundle else [],
        "undecided": undecided(bundle) if bundle else 0, "decisions": list(DECISIONS.items()),
        "errors": errors, "failed_item": item, "kinds": KINDS}, status_code=status_code)


def _overdue(request: dict[str, Any], today: date) -> bool:
    return request["progress"] != Progress.RELEASED.value and request["due_on"] < today.isoformat()


async def _or_404(pending: Any) -> Any:
    try:
        return await pending
    except requests.UnknownRequest:
        raise HTTPException(404, detail="No such subject access request.") from None
