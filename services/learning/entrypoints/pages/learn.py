"""Pages of the Learn stage: my results (the audits of my cases, with the form for my
response and reflection; those copied to me as line manager) and a learning record (the
person's CPD evidence, its exports, and their line manager's sign-off of each piece)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow
from shared.personal_data.access_log import Reads, records_reads

from ...application import learn
from ...application.deps import Deps
from ...domain.learn import RecordReflection, SignEvidence
from ...domain.refusals import Locked, NotAllowed, Refused
from ..deps import get_deps
from ..roles import STAFF
from . import forms
from .rendering import templates

router = APIRouter(include_in_schema=False)


@router.get("/my-results", response_class=HTMLResponse)
async def my_results(request: Request, who: Principal = Depends(allow(*STAFF)),
                     deps: Deps = Depends(get_deps),
                     reads: Reads = Depends(records_reads)) -> HTMLResponse:
    return await _results_page(request, who, deps, reads, values={}, errors={})


@router.post("/my-results/{audit_id}/reflection", response_class=HTMLResponse)
async def reflect(request: Request, audit_id: str, who: Principal = Depends(allow(*STAFF)),
                  deps: Deps = Depends(get_deps), reads: Reads = Depends(records_reads)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        command = RecordReflection.model_validate({
            "response": form.get(f"response-{audit_id}", ""),
            "reflection": form.get(f"reflection-{audit_id}", "")})
        result, _ = await learn.reflect(deps, audit_id, command, who)
    except ValidationError as error:  # each field of this audit's form names its own refusal
        errors = {f"{field}-{audit_id}": message
                  for field, message in forms.errors_of(error).items()}
        return await _results_page(request, who, deps, reads, values=form, errors=errors,
                                   audit_id=audit_id, status_code=422)
    except (Locked, NotAllowed) as refused:
        code = 409 if isinstance(refused, Locked) else 403
        return await _results_page(request, who, deps, reads, values=form, errors={"": str(refused)},
                                   audit_id=audit_id, status_code=code)
    if result is None:
        return HTMLResponse("Not here", status_code=status.HTTP_404_NOT_FOUND)
    return RedirectResponse(f"/my-results?done=reflection#result-{audit_id}",
                            status.HTTP_303_SEE_OTHER)


async def _results_page(request: Request, who: Principal, deps: Deps, reads: Reads, *,
                        values: dict[str, str], errors: dict[str, str],
                        audit_id: str | None = None, status_code: int = 200) -> HTMLResponse:
    results = await learn.my_results(deps, who)
    await reads.children(who, learn.children_in_results(results))
    return templates.TemplateResponse(request, "my_results.html", {
        "principal": who, "r": results, "v": values,
        "errors": errors, "failed": audit_id, "done": request.query_params.get("done")},
        status_code=status_code)


@router.get("/my-learning-record")
async def my_record(who: Principal = Depends(allow(*STAFF))) -> RedirectResponse:
    return RedirectResponse(f"/learning-record/{who.subject}", status.HTTP_303_SEE_OTHER)


@router.get("/learning-record/{person_id}", response_class=HTMLResponse)
async def record(request: Request, person_id: str, who: Principal = Depends(allow(*STAFF)),
                 deps: Deps = Depends(get_deps),
                 reads: Reads = Depends(records_reads)) -> HTMLResponse:
    return await _record_page(request, who, deps, reads, person_id, errors={})


@router.post("/learning-record/{person_id}/sign-off", response_class=HTMLResponse)
async def sign(request: Request, person_id: str, who: Principal = Depends(allow(*STAFF)),
               deps: Deps = Depends(get_deps), reads: Reads = Depends(records_reads)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        await learn.sign_evidence(deps, person_id, SignEvidence.model_validate({
            "piece_kind": form.get("piece_kind", ""), "piece_id": form.get("piece_id", ""),
            "comment": form.get("comment", "")}), who)
    except ValidationError as error:
        return await _record_page(request, who, deps, reads, person_id,
                                  errors=forms.errors_of(error), status_code=422)
    except Refused as refusal:
        return await _record_page(request, who, deps, reads, person_id,
                                  errors={refusal.field: str(refusal)}, status_code=422)
    except (Locked, NotAllowed) as refused:
        code = 409 if isinstance(refused, Locked) else 403
        return await _record_page(request, who, deps, reads, person_id, errors={"": str(refused)},
                                  status_code=code)
    return RedirectResponse(f"/learning-record/{person_id}?done=sign-off",
                            status.HTTP_303_SEE_OTHER)


async def _record_page(request: Request, who: Principal, deps: Deps, reads: Reads,
                       person_id: str, *,
                       errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    try:
        found: dict[str, Any] = await learn.record(deps, person_id, who)
    except NotAllowed as refused:  # the platform's 403 page, saying why
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(refused)) from refused
    await reads.staff(who, person_id)
    return templates.TemplateResponse(request, "learning_record.html", {
        "principal": who, "rec": found, "errors": errors, "v": {},
        "is_signer": found["signer"] == who.subject,
        "done": request.query_params.get("done")}, status_code=status_code)
