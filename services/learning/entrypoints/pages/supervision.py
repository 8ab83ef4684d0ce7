"""Pages of reflective supervision: my sessions (held and received) and whom I supervise; the
form a manager records a session on, discussing that person's own audits and actions; a
session, read by the two people and those above them, signed off by the supervisor."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow
from shared.england_time import england_day
from shared.personal_data.access_log import Reads, records_reads

from ...application import learn, supervision
from ...application.deps import Deps
from ...domain.learn import RecordSupervision
from ...domain.refusals import Locked, NotAllowed, Refused
from ..deps import get_deps
from ..roles import STAFF
from .rendering import templates
from .supervision_forms import STEP_ROWS, command_from_form, errors_of, form_field

router = APIRouter(include_in_schema=False)


def _refused(refusal: NotAllowed) -> HTTPException:
    """The platform's 403 page, saying why."""
    return HTTPException(status.HTTP_403_FORBIDDEN, detail=str(refusal))


@router.get("/supervision", response_class=HTMLResponse)
async def sessions(request: Request, who: Principal = Depends(allow(*STAFF)),
                   deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return templates.TemplateResponse(request, "supervisions.html", {
        "principal": who, "sessions": await supervision.sessions(deps, who),
        "supervisees": await supervision.supervisees(deps, who)})


@router.get("/supervision/new", response_class=HTMLResponse)
async def new_session(request: Request, supervisee: str = "",
                      who: Principal = Depends(allow(*STAFF)),
                      deps: Deps = Depends(get_deps)) -> HTMLResponse:
    values = {"supervisee_id": supervisee, "held_on": england_day(deps.clock.now()).isoformat()}
    return await _form(request, who, deps, values=values, ticked=[], errors={})


@router.post("/supervision/new", response_class=HTMLResponse)
async def record(request: Request, who: Principal = Depends(allow(*STAFF)),
                 deps: Deps = Depends(get_deps)):
    submitted = await request.form()
    form = {k: str(v) for k, v in submitted.items() if k != "discussed"}
    ticked = [str(v) for v in submitted.getlist("discussed")]
    try:
        command = RecordSupervision.model_validate(command_from_form(form, ticked))
        session, _ = await learn.record_supervision(deps, command, who)
    except ValidationError as error:
        return await _form(request, who, deps, values=form, ticked=ticked,
                           errors=errors_of(error))
    except Refused as refusal:
        return await _form(request, who, deps, values=form, ticked=ticked,
                           errors={form_field(refusal.field): str(refusal)})
    except NotAllowed as refusal:
        raise _refused(refusal) from refusal
    return RedirectResponse(f"/supervision/{session['_id']}?done=recorded",
                            status.HTTP_303_SEE_OTHER)


async def _form(request: Request, who: Principal, deps: Deps, *, values: dict[str, str],
                ticked: list[str], errors: dict[str, str]) -> HTMLResponse:
    try:
        found = await supervision.discussable(deps, who, values.get("supervisee_id", ""))
    except NotAllowed as refusal:
        raise _refused(refusal) from refusal
    return templates.TemplateResponse(request, "supervision_form.html", {
        "principal": who, "found": found, "v": values, "ticked": set(ticked),
        "errors": errors, "rows": range(1, STEP_ROWS + 1), "today": england_day(deps.clock.now()).isoformat()},
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT if errors else 200)


@router.get("/supervision/{supervision_id}", response_class=HTMLResponse)
async def session(request: Request, supervision_id: str,
                  who: Principal = Depends(allow(*STAFF)),
                  deps: Deps = Depends(get_deps),
                  reads: Reads = Depends(records_reads)) -> HTMLResponse:
    return await _session(request, who, deps, reads, supervision_id, errors={})


@router.post("/supervision/{supervision_id}/sign-off", response_class=HTMLResponse)
async def sign_off(request: Request, supervision_id: str,
                   who: Principal = Depends(allow(*STAFF)), deps: Deps = Depends(get_deps),
                   reads: Reads = Depends(records_reads)):
    try:
        signed, _ = await learn.sign_supervision(deps, supervision_id, who)
    except NotAllowed as refusal:
        raise _refused(refusal) from refusal
    except Locked as refusal:
        return await _session(request, who, deps, reads, supervision_id,
                              errors={"": str(refusal)},
                              status_code=status.HTTP_409_CONFLICT)
    if signed is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no supervision {supervision_id}")
    return RedirectResponse(f"/supervision/{supervision_id}?done=signed-off",
                            status.HTTP_303_SEE_OTHER)


async def _session(request: Request, who: Principal, deps: Deps, reads: Reads,
                   supervision_id: str, *,
                   errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    try:
        found: dict[str, Any] | None = await learn.supervision(deps, supervision_id, who)
    except NotAllowed as refusal:
        raise _refused(refusal) from refusal
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no supervision {supervision_id}")
    await reads.staff(who, found.get("supervisee_id"), record_id=supervision_id)
    return templates.TemplateResponse(request, "supervision.html", {
        "principal": who, "s": found, "errors": errors,
        "is_supervisor": found["supervisor_id"] == who.subject,
        "tracked": await supervision.next_steps(deps, found),
        "done": request.query_params.get("done")}, status_code=status_code)
