"""Minutes: recording them while the meeting is open, the chair's sign-off (then they are
immutable), corrections as new signed versions, and the people needing support as only
their managers and the head of service see them."""

from __future__ import annotations

from typing import Any

from shared.auth import Principal
from shared.http import current_correlation_id

from ..domain.minutes import Correction, Minutes, check_editable, decide_sign_off
from ..domain.minutes import signed_changes
from ..domain.support import may_see
from . import clinics, themes
from .deps import Deps
from .meetings import Written
from .people import check_people


async def record(deps: Deps, meeting: dict[str, Any], minutes: Minutes) -> Written:
    check_editable(meeting, minutes)
    await _check_named(deps, minutes)
    await themes.check_answers(deps, meeting, minutes)
    await deps.meetings.change(meeting, {"minutes": minutes.model_dump(mode="json")}, [],
                               correlation_id=current_correlation_id())
    return Written(await _get(deps, meeting["_id"]), True)


async def sign_off(deps: Deps, meeting: dict[str, Any], who: Principal,
                   correction: Correction | None = None) -> Written:
    """Refused (no chair, no decision), NotAllowed (not the chair), Locked (signed off, or
    not held yet; a correction of minutes not yet signed)."""
    if correction is not None:
        check_editable({**meeting, "status": "held"}, correction.minutes)
        await _check_named(deps, correction.minutes)
    signing = correction.minutes if correction is not None else (
        Minutes.model_validate(meeting["minutes"]) if meeting.get("minutes") else Minutes())
    known = await themes.check_answers(deps, meeting, signing)
    events = decide_sign_off(meeting, who.subject, deps.clock.now(), correction, known)
    published = await deps.meetings.change(meeting, signed_changes(meeting, events, correction),
                                           events, correlation_id=current_correlation_id())
    if meeting.get("team_id"):
        await clinics.refresh_schedule(deps, meeting["team_id"])
    return Written(await _get(deps, meeting["_id"]), published)


async def support_seen_by(deps: Deps, meeting: dict[str, Any],
                          who: Principal) -> list[dict[str, Any]]:
    """The people the clinic decided need support whom this person may see."""
    clinic = (meeting.get("minutes") or {}).get("clinic") or {}
    seen = []
    for need in clinic.get("support", []):
        person = await deps.directory.person(need["person_id"])
        team = await deps.directory.team((person or {}).get("team_id"))
        if may_see(who.subject, person, team):
            seen.append(need)
    return seen


async def _check_named(deps: Deps, minutes: Minutes) -> None:
    await check_people(deps, {
        "actions.{n}.owner_id": [a.owner_id for a in minutes.actions],
        "clinic.support.{n}.person_id": [s.person_id for s in (minutes.clinic.support if minutes.clinic
                                                 else [])]})


async def _get(deps: Deps, meeting_id: str) -> dict[str, Any]:
    meeting = await deps.meetings.get(meeting_id)
    assert meeting is not None
    return meeting
