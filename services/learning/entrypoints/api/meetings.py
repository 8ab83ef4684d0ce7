"""HTTP API for meetings: schedule, record who attended, minutes, the chair's sign-off,
corrections, the pack (guests too: their own meeting's only), and the people needing
support (their managers and head of service only)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Response, status

from shared.auth import Principal, Role, allow
from shared.http import PENDING_RESPONSE, found_or_404

from ...application import clinics, meetings, minutes, themes
from ...application.deps import Deps
from ...domain.meetings import CancelMeeting, HoldMeeting, ScheduleMeeting
from ...domain.minutes import Correction, Minutes
from ..deps import get_deps
from ..roles import CHAIRS, ORGANISERS, PACK_READERS, READERS, SUPPORT_READERS
from .answers import answered, refusals_answered

router = APIRouter(prefix="/meetings", tags=["meetings"])


async def _load(deps: Deps, meeting_id: str) -> dict:
    return found_or_404(await meetings.get(deps, meeting_id), f"no meeting {meeting_id}")


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def schedule(body: ScheduleMeeting, response: Response,
                   _: Principal = Depends(allow(*ORGANISERS)),
                   deps: Deps = Depends(get_deps)) -> dict:
    """A clinic needs a team in the staff directory (422 on `team_id`); it opens with the
    priorities the team agreed at its last signed-off clinic (`carried_priorities`)."""
    done = await refusals_answered(meetings.schedule(deps, body))
    return answered(response, done.published, meetings.without_support(done.meeting),
                    created=True)


@router.get("")
async def listed(kind: str | None = None, team_id: str | None = None,
                 _: Principal = Depends(allow(*READERS)),
                 deps: Deps = Depends(get_deps)) -> list[dict]:
    return await meetings.listed(deps, kind=kind, team_id=team_id)


@router.get("/escalated-themes")
async def escalated_themes(open_only: bool = False, _: Principal = Depends(allow(*READERS)),
                           deps: Deps = Depends(get_deps)) -> list[dict]:
    """Themes clinics escalated, each with the QA Forum that answered it (or open);
    `open_only` leaves out the answered ones."""
    return await themes.escalated(deps, open_only=open_only)


@router.get("/{meeting_id}")
async def one(meeting_id: str, _: Principal = Depends(allow(*READERS)),
              deps: Deps = Depends(get_deps)) -> dict:
    meeting = await _load(deps, meeting_id)
    last_actions = await clinics.last_clinic_actions(deps, meeting)
    return {**meetings.without_support(meeting), "last_clinic_actions": last_actions}


@router.get("/{meeting_id}/pack")
async def pack(meeting_id: str, who: Principal = Depends(allow(*PACK_READERS)),
               deps: Deps = Depends(get_deps)) -> dict:
    """Guests may open only the pack of a meeting they were invited to."""
    meeting = await _load(deps, meeting_id)
    if Role.GUEST in who.roles and not who.has_any(frozenset(READERS)) \
            and not meetings.guest_may_open(meeting, who):
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            detail="a guest may open only the pack of a meeting they were "
                                   "invited to")
    return meetings.pack_of(meeting)


@router.post("/{meeting_id}/held", responses=PENDING_RESPONSE)
async def held(meeting_id: str, body: HoldMeeting, response: Response,
               _: Principal = Depends(allow(*ORGANISERS)),
               deps: Deps = Depends(get_deps)) -> dict:
    """Who attended (the chair among them), guests who came; the pack is frozen."""
    meeting = await _load(deps, meeting_id)
    done = await refusals_answered(meetings.hold(deps, meeting, body))
    return answered(response, done.published, meetings.without_support(done.meeting))


@router.post("/{meeting_id}/cancel", responses=PENDING_RESPONSE)
async def cancel(meeting_id: str, body: CancelMeeting, response: Response,
                 _: Principal = Depends(allow(*ORGANISERS)),
                 deps: Deps = Depends(get_deps)) -> dict:
    """A meeting not yet held, called off with a reason (409 once held); a cancelled clinic
    is no longer planned, so its team's clinic alerts follow the schedule again."""
    meeting = await _load(deps, meeting_id)
    done = await refusals_answered(meetings.cancel(deps, meeting, body))
    return answered(response, done.published, meetings.without_support(done.meeting))


@router.put("/{meeting_id}/minutes")
async def record_minutes(meeting_id: str, body: Minutes,
                         _: Principal = Depends(allow(*ORGANISERS)),
                         deps: Deps = Depends(get_deps)) -> dict:
    """Until the chair signs them off; then 409, saying how to correct them."""
    meeting = await _load(deps, meeting_id)
    done = await refusals_answered(minutes.record(deps, meeting, body))
    return meetings.without_support(done.meeting)


@router.post("/{meeting_id}/sign-off", responses=PENDING_RESPONSE)
async def sign_off(meeting_id: str, response: Response,
                   who: Principal = Depends(allow(*CHAIRS)),
                   deps: Deps = Depends(get_deps)) -> dict:
    """The chair only; needs a decision or `no_decisions` (422 on `decisions`)."""
    meeting = await _load(deps, meeting_id)
    done = await refusals_answered(minutes.sign_off(deps, meeting, who))
    return answered(response, done.published, meetings.without_support(done.meeting))


@router.post("/{meeting_id}/corrections", responses=PENDING_RESPONSE)
async def correct(meeting_id: str, body: Correction, response: Response,
                  who: Principal = Depends(allow(*CHAIRS)),
                  deps: Deps = Depends(get_deps)) -> dict:
    """Signed minutes corrected by the chair: a new version with its reason."""
    meeting = await _load(deps, meeting_id)
    done = await refusals_answered(minutes.sign_off(deps, meeting, who, body))
    return answered(response, done.published, meetings.without_support(done.meeting))


@router.get("/{meeting_id}/support")
async def support(meeting_id: str, who: Principal = Depends(allow(*SUPPORT_READERS)),
                  deps: Deps = Depends(get_deps)) -> list[dict]:
    """Only the people this manager or head of service is responsible for."""
    return await minutes.support_seen_by(deps, await _load(deps, meeting_id), who)
