"""Pages for observers: a practice observation (consent confirmed, or it is refused), an
observation of one of the 15 key meetings, and an IRO's or CP chair's checklist about a
conference or review. Plain forms that work without JavaScript; the API's rules and
use cases (application/observations.py); refusals keep what was typed."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from schemas.observation import KEY_MEETING_TYPES
from schemas.standards import GRADE_LABELS
from shared.auth import Principal, allow

from ...application.deps import Deps
from ...application.observations import record_checklist, record_meeting, record_practice
from ...domain.observations import RecordConferenceChecklist, RecordMeetingObservation
from ...domain.observations import RecordPracticeObservation
from ..deps import get_deps
from ..roles import CHAIRS, MEETING_OBSERVERS, PRACTICE_OBSERVERS
from .action_rows import action_rows
from .observation_forms import ASPECTS, CHECKLIST_ITEMS, checklist_from_form
from .observation_forms import meeting_from_form, observation_errors, practice_from_form
from .rendering import templates

router = APIRouter(prefix="/observe", include_in_schema=False)
LOOKS = {"meeting_types": KEY_MEETING_TYPES, "aspects": ASPECTS, "grades": GRADE_LABELS,
         "items": CHECKLIST_ITEMS}
FORMS = {"practice": ("observe_practice.html", RecordPracticeObservation, practice_from_form,
                      record_practice),
         "meeting": ("observe_meeting.html", RecordMeetingObservation, meeting_from_form,
                     record_meeting),
         "checklist": ("observe_checklist.html", RecordConferenceChecklist, checklist_from_form,
                       record_checklist)}


def _blank(kind: str) -> dict[str, str]:
    # A fresh form id per form shown: posting it twice records one observation.
    blank = {"form_id": str(uuid.uuid4())}
    return blank | ({"copy_to_performance_team": "on"} if kind == "meeting" else {})


@router.get("/practice", response_class=HTMLResponse)
async def practice_page(request: Request, who: Principal = Depends(allow(*PRACTICE_OBSERVERS))):
    return _page(request, who, "practice", values=_blank("practice"), errors={})


@router.post("/practice", response_class=HTMLResponse)
async def post_practice(request: Request, who: Principal = Depends(allow(*PRACTICE_OBSERVERS)),
                        deps: Deps = Depends(get_deps)):
    return await _post(request, who, deps, "practice")


@router.get("/meeting", response_class=HTMLResponse)
async def meeting_page(request: Request, who: Principal = Depends(allow(*MEETING_OBSERVERS))):
    return _page(request, who, "meeting", values=_blank("meeting"), errors={})


@router.post("/meeting", response_class=HTMLResponse)
async def post_meeting(request: Request, who: Principal = Depends(allow(*MEETING_OBSERVERS)),
                       deps: Deps = Depends(get_deps)):
    return await _post(request, who, deps, "meeting")


@router.get("/checklist", response_class=HTMLResponse)
async def checklist_page(request: Request, who: Principal = Depends(allow(*CHAIRS))):
    return _page(request, who, "checklist", values=_blank("checklist"), errors={})


@router.post("/checklist", response_class=HTMLResponse)
async def post_checklist(request: Request, who: Principal = Depends(allow(*CHAIRS)),
                         deps: Deps = Depends(get_deps)):
    return await _post(request, who, deps, "checklist")


async def _post(request: Request, who: Principal, deps: Deps, kind: str):
    _, model, from_form, record = FORMS[kind]
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        command = model.model_validate(from_form(form))
    except ValidationError as error:
        return _page(request, who, kind, values=form, errors=observation_errors(error, form),
                     status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    done = await record(deps, command, who=who, idempotency_key=form.get("form_id") or None)
    return RedirectResponse(f"/observe/{kind}?recorded={done.record_id}",
                            status_code=status.HTTP_303_SEE_OTHER)


def _page(request: Request, who: Principal, kind: str, *, values: dict[str, str],
          errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, FORMS[kind][0], {
        "principal": who, "v": values, "errors": errors,
        "action_row_numbers": action_rows(values),
        "recorded": request.query_params.get("recorded"), **LOOKS}, status_code=status_code)
