"""Pages for moderation and sign-off: the head of quality draws the month's moderation
sample from the planning page; the month's submitted audits, with the sample marked, a
moderation link and a sign-off button for those allowed (an audit submitted after the draw
is marked). The API's use cases and lifecycle rule (application/programme.py,
application/moderation.py); a refusal is shown with its reason."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, allow
from shared.england_time import england_month
from shared.outbox import VersionConflict

from ...application.audits import audits_of_month
from ...application.deps import Deps
from ...application.moderation import record_sign_off, sample_of_month
from ...application.programme import MonthNotPlanned, record_moderation_sample
from ...domain.lifecycle import IllegalTransition
from ...domain.selection import DrawModerationSample
from ..api.answers import load
from ..api.programme import MonthPath
from ..deps import get_deps
from ..roles import MODERATORS, PLANNERS, SIGNERS
from .planning import render_month
from .planning_forms import form_errors
from .rendering import templates

router = APIRouter(include_in_schema=False)
SHOWN = ("submitted", "moderated", "signed_off")


@router.post("/planning/{month}/moderation-sample", response_class=HTMLResponse)
async def post_moderation_sample(month: MonthPath, request: Request,
                                 who: Principal = Depends(allow(*PLANNERS)),
                                 deps: Deps = Depends(get_deps)):
    form = {k: str(v).strip() for k, v in (await request.form()).items()}
    try:
        command = DrawModerationSample.model_validate(
            {"seed": form.get("moderation_seed") or None,
             "size": form.get("moderation_size") or None})
        await record_moderation_sample(deps, month, command, who=who)
    except ValidationError as error:
        errors = form_errors(error, renames={"seed": "moderation_seed",
                                             "size": "moderation_size"})
        return await render_month(request, who, deps, month, values=form, errors=errors,
                                  status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    except MonthNotPlanned:
        return await render_month(request, who, deps, month, values=form, errors={})
    return RedirectResponse(f"/planning/{month}?done=moderation_sample#moderation-sample",
                            status_code=status.HTTP_303_SEE_OTHER)


@router.get("/moderation", response_class=HTMLResponse)
async def moderation_list(request: Request,
                          month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)] = None,
                          who: Principal = Depends(allow(*MODERATORS)),
                          deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _list(request, who, deps, month or england_month(), errors={})


@router.post("/moderation/{audit_id}/sign-off", response_class=HTMLResponse)
async def post_sign_off(audit_id: str, request: Request,
                        who: Principal = Depends(allow(*SIGNERS)),
                        deps: Deps = Depends(get_deps)):
    audit = await load(deps, audit_id)
    try:
        await record_sign_off(deps, audit, who=who)
    except IllegalTransition as refused:
        reason = str(refused)
    except VersionConflict:
        reason = "someone changed this audit at the same moment: look at it again"
    else:
        return RedirectResponse(f"/moderation?month={audit['month']}&signed_off={audit_id}",
                                status_code=status.HTTP_303_SEE_OTHER)
    return await _list(request, who, deps, audit["month"],
                       errors={f"audit-{audit_id}": f"{audit['case_ref']}: {reason}"},
                       status_code=status.HTTP_409_CONFLICT)


async def _list(request: Request, who: Principal, deps: Deps, month: str, *,
                errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    sample = await sample_of_month(deps, month)
    audits = [a for a in await audits_of_month(deps, month) if a["status"] in SHOWN]
    return templates.TemplateResponse(request, "moderation_list.html", {
        "principal": who, "month": month, "sample": sample, "audits": audits, "errors": errors,
        "missed_draw": {a["_id"] for a in audits if sample and sample.drawn_from is not None
                        and a["status"] == "submitted" and a["_id"] not in sample.drawn_from},
        "can_sign_off": who.has_any(frozenset(SIGNERS)),
        "can_plan": who.has_any(frozenset(PLANNERS)),
        "signed_off": request.query_params.get("signed_off")}, status_code=status_code)
