"""Page of learning circles: the children proposed, the schedule of circles, a child
proposed by hand, and recording a circle (one per line for attendees and learning)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow
from shared.england_time import england_day
from shared.personal_data.access_log import Reads, records_reads

from ...application import circles
from ...application.deps import Deps
from ...domain.circles import ProposeChild, RecordCircle
from ...domain.refusals import Refused
from ..deps import get_deps
from ..roles import CIRCLE_KEEPERS
from . import forms
from .rendering import templates

router = APIRouter(prefix="/circles", include_in_schema=False)
ACTION_ROWS = range(1, 3)


@router.get("", response_class=HTMLResponse)
async def page(request: Request, who: Principal = Depends(allow(*CIRCLE_KEEPERS)),
               deps: Deps = Depends(get_deps),
               reads: Reads = Depends(records_reads)) -> HTMLResponse:
    return await _page(request, who, deps, reads, values={}, errors={})


@router.post("/proposals", response_class=HTMLResponse)
async def propose(request: Request, who: Principal = Depends(allow(*CIRCLE_KEEPERS)),
                  deps: Deps = Depends(get_deps), reads: Reads = Depends(records_reads)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    body = {k: form.get(k) or None for k in ("team_id", "plan_start_date", "plan_number")} | {
        "case_ref": form.get("propose_case_ref", ""), "reason": form.get("reason", "")}
    try:
        await circles.propose(deps, ProposeChild.model_validate(body))
    except ValidationError as error:
        errors = {("propose_case_ref" if field == "case_ref" else field): message
                  for field, message in forms.errors_of(error).items()}
        return await _page(request, who, deps, reads, values=form, errors=errors, status_code=422)
    except Refused as refusal:
        return await _page(request, who, deps, reads, values=form,
                           errors={refusal.field: str(refusal)}, status_code=422)
    return RedirectResponse("/circles?done=proposed", status.HTTP_303_SEE_OTHER)


@router.post("", response_class=HTMLResponse)
async def record(request: Request, who: Principal = Depends(allow(*CIRCLE_KEEPERS)),
                 deps: Deps = Depends(get_deps), reads: Reads = Depends(records_reads)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    found = await circles.proposals(deps, england_day(deps.clock.now()))
    teams = {c["case_ref"]: c["team_id"] for c in found["children"]}
    body = {"held_on": form.get("held_on", ""), "case_ref": form.get("case_ref", ""),
            "team_id": teams.get(form.get("case_ref", ""), ""),
            "core_group": form.get("core_group", ""),
            "attendees": forms.lines(form, "attendees"), "learning": forms.lines(form, "learning"),
            "actions": [{"key": f"a{n}", "description": form[f"action_{n}_description"],
                         "owner_id": form.get(f"action_{n}_owner_id", ""),
                         "due_date": form.get(f"action_{n}_due_date", "")}
                        for n in ACTION_ROWS if form.get(f"action_{n}_description", "").strip()]}
    try:
        if not body["team_id"]:
            raise Refused("case_ref", "choose one of the children proposed")
        await circles.record_circle(deps, RecordCircle.model_validate(body), who)
    except ValidationError as error:
        return await _page(request, who, deps, reads, values=form, errors=forms.errors_of(error),
                           status_code=422)
    except Refused as refusal:
        field = forms.form_field(tuple(refusal.field.split(".")))
        return await _page(request, who, deps, reads, values=form, errors={field: str(refusal)},
                           status_code=422)
    return RedirectResponse("/circles?done=recorded", status.HTTP_303_SEE_OTHER)


async def _page(request: Request, who: Principal, deps: Deps, reads: Reads, *,
                values: dict[str, str], errors: dict[str, str],
                status_code: int = 200) -> HTMLResponse:
    today = england_day(deps.clock.now())
    found = await circles.proposals(deps, today)
    await reads.children(who, circles.children_shown(found))
    return templates.TemplateResponse(request, "circles.html", {
        "principal": who, "c": found, "v": values,
        "errors": errors, "rows": ACTION_ROWS, "today": date.isoformat(today),
        "done": request.query_params.get("done")}, status_code=status_code)
