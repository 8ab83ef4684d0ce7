"""Pages: the meetings and the clinic schedule; scheduling a meeting; one meeting with the
form its state allows (who attended, the minutes, the chair's sign-off, a correction).
Plain forms that work without JavaScript; they go through the same use cases as the API,
and a refusal shows next to its field, keeping what was typed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from schemas.learning import MeetingKind
from shared.auth import Principal, allow
from shared.england_time import england_day
from shared.http import found_or_404

from ...application import clinics, meetings, minutes, themes
from ...application.deps import Deps
from ...domain.governance import quarter_of
from ...domain.kinds import LABELS
from ...domain.meetings import CancelMeeting, HoldMeeting, ScheduleMeeting
from ...domain.minutes import Correction, Minutes
from ...domain.refusals import Locked, NotAllowed, Refused
from ..deps import get_deps
from ..roles import CHAIRS, ORGANISERS, READERS
from . import forms
from .home_links import offered
from .rendering import templates

router = APIRouter(include_in_schema=False)
UNPROCESSABLE = status.HTTP_422_UNPROCESSABLE_CONTENT
KINDS = [(k.value, LABELS[k]) for k in MeetingKind]


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: Principal = Depends(allow(*READERS)),
               deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _home(request, who, deps, values={}, errors={})


@router.post("/meetings/new", response_class=HTMLResponse)
async def schedule_form(request: Request, who: Principal = Depends(allow(*ORGANISERS)),
                        deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        done = await meetings.schedule(
            deps, ScheduleMeeting.model_validate(forms.schedule_from_form(form)))
    except ValidationError as error:
        return await _home(request, who, deps, values=form, errors=forms.errors_of(error))
    except Refused as refusal:
        return await _home(request, who, deps, values=form,
                           errors={forms.form_field(tuple(refusal.field.split("."))): str(refusal)})
    return RedirectResponse(f"/meeting/{done.meeting['_id']}", status.HTTP_303_SEE_OTHER)


@router.get("/meeting/{meeting_id}", response_class=HTMLResponse)
async def meeting_page(meeting_id: str, request: Request,
                       who: Principal = Depends(allow(*READERS)),
                       deps: Deps = Depends(get_deps)) -> HTMLResponse:
    meeting = await _load(deps, meeting_id)
    return await _meeting(request, who, deps, meeting, values=_values(meeting), errors={})


@router.post("/meeting/{meeting_id}/{step}", response_class=HTMLResponse)
async def meeting_form(meeting_id: str, step: str, request: Request,
                       who: Principal = Depends(allow(*CHAIRS)),
                       deps: Deps = Depends(get_deps)):
    meeting = await _load(deps, meeting_id)
    form = {k: str(v) for k, v in (await request.form()).items()}
    clinic = meeting["kind"] == MeetingKind.PERFORMANCE_CLINIC
    carried = meeting.get("carried_priorities", [])
    answerable = await _answerable(deps, meeting)
    try:
        if step == "held":
            await meetings.hold(deps, meeting, HoldMeeting.model_validate(
                forms.held_from_form(form)))
        elif step == "minutes":
            await minutes.record(deps, meeting, Minutes.model_validate(
                forms.minutes_from_form(form, clinic, carried, answerable)))
        elif step == "cancel":
            await meetings.cancel(deps, meeting, CancelMeeting.model_validate(
                {"reason": form.get("reason", "")}))
        elif step == "sign-off":
            await minutes.sign_off(deps, meeting, who)
        elif step == "corrections":
            await minutes.sign_off(deps, meeting, who, Correction.model_validate({
                "reason": form.get("reason", ""),
                "minutes": forms.minutes_from_form(form, clinic, carried, answerable)}))
        else:
            return HTMLResponse("No such step", status_code=404)
    except ValidationError as error:
        return await _meeting(request, who, deps, meeting, values=form,
                              errors=forms.errors_of(error), status_code=UNPROCESSABLE)
    except Refused as refusal:
        field = forms.form_field(tuple(refusal.field.split(".")))
        return await _meeting(request, who, deps, meeting, values=form,
                              errors={field: str(refusal)}, status_code=UNPROCESSABLE)
    except Locked as locked:
        return await _meeting(request, who, deps, meeting, values=form,
                              errors={"": str(locked)}, status_code=status.HTTP_409_CONFLICT)
    except NotAllowed as refused:
        return await _meeting(request, who, deps, meeting, values=form,
                              errors={"": str(refused)}, status_code=status.HTTP_403_FORBIDDEN)
    return RedirectResponse(f"/meeting/{meeting_id}?done={step}", status.HTTP_303_SEE_OTHER)


async def _answerable(deps: Deps, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """The escalated themes a QA Forum's minutes may answer: the open ones and its own."""
    if meeting["kind"] != MeetingKind.QA_FORUM:
        return []
    return [t for t in await themes.escalated(deps)
            if t["answered_by"] in (None, meeting["_id"])]


async def _load(deps: Deps, meeting_id: str) -> dict[str, Any]:
    return found_or_404(await meetings.get(deps, meeting_id), f"no meeting {meeting_id}")


def _values(meeting: dict[str, Any]) -> dict[str, str]:
    """The stored minutes as the form shows them (lists one item per line)."""
    saved = meeting.get("minutes") or {}
    values = {k: "\n".join(saved.get(k, [])) for k in ("findings", "recommendations",
                                                        "decisions")}
    values["notes"] = saved.get("notes", "")
    values["no_decisions"] = "on" if saved.get("no_decisions") else ""
    for n, action in enumerate(saved.get("actions", []), 1):
        for key in ("description", "owner_id", "due_date"):
            values[f"action_{n}_{key}"] = str(action[key])
    clinic = saved.get("clinic") or {}
    for key in ("priorities", "learning_sessions", "coaching_requested"):
        values[key] = "\n".join(clinic.get(key, []))
    for n, theme in enumerate(clinic.get("escalated_themes", []), 1):
        values[f"theme_{n}_text"], values[f"theme_{n}_to"] = theme["text"], theme["to"]
    answers = {(a["meeting_id"], a["theme_id"]): a["answer"] for a in saved.get("answers", [])}
    values["answers"] = answers  # type: ignore[assignment] - matched to rows when shown
    outcomes = {o["priority_id"]: o for o in clinic.get("priority_outcomes", [])}
    for n, carried in enumerate(meeting.get("carried_priorities", []), 1):
        if carried["priority_id"] in outcomes:
            values[f"outcome_{n}"] = outcomes[carried["priority_id"]]["outcome"]
            values[f"outcome_{n}_note"] = outcomes[carried["priority_id"]]["note"]
    return values


async def _home(request: Request, who: Principal, deps: Deps, *, values: dict[str, str],
                errors: dict[str, str]) -> HTMLResponse:
    today = england_day(deps.clock.now())
    return templates.TemplateResponse(request, "home.html", {
        "principal": who, "meetings": await meetings.listed(deps, kind=None, team_id=None),
        "schedule": await clinics.schedule_overview(deps), "kinds": KINDS, "labels": LABELS,
        "v": values, "errors": errors, "can_organise": who.has_any(frozenset(ORGANISERS)),
        "links": offered(who, quarter=quarter_of(today), month=today.isoformat()[:7],
                         year=today.year)},
        status_code=UNPROCESSABLE if errors else 200)


async def _meeting(request: Request, who: Principal, deps: Deps, meeting: dict[str, Any], *,
                   values: dict[str, str], errors: dict[str, str],
                   status_code: int = 200) -> HTMLResponse:
    answerable = await _answerable(deps, meeting)
    saved = values.pop("answers", None) or {}
    for n, theme in enumerate(answerable, 1):
        if f"answer_{n}" not in values and (theme["meeting_id"], theme["theme_id"]) in saved:
            values[f"answer_{n}"] = saved[(theme["meeting_id"], theme["theme_id"])]
    return templates.TemplateResponse(request, "meeting.html", {
        "answerable": answerable,
        "principal": who, "m": meetings.without_support(meeting), "labels": LABELS,
        "last_actions": await clinics.last_clinic_actions(deps, meeting),
        "support": await minutes.support_seen_by(deps, meeting, who),
        "is_chair": meeting.get("chair_id") == who.subject,
        "can_organise": who.has_any(frozenset(ORGANISERS)),
        "v": values, "errors": errors, "done": request.query_params.get("done"),
        "rows": forms, "clinic": meeting["kind"] == MeetingKind.PERFORMANCE_CLINIC},
        status_code=status_code)
