"""Meetings: scheduling one (a clinic opens with its team's last priorities), recording
that it was held (who came; its pack frozen), and reading them. The rules decide the events
(domain/meetings.py); the repository stores state and events in one write, then publishes."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.auth import Principal
from shared.england_time import england_day
from shared.http import current_correlation_id

from ..domain.clinics import carry_in
from ..domain.kinds import needs_team
from ..domain.meetings import CancelMeeting, HoldMeeting, ScheduleMeeting, decide_cancel
from ..domain.meetings import cancelled_changes, decide_hold, decide_schedule
from ..domain.meetings import held_changes, scheduled_document
from ..domain.refusals import Refused
from . import clinics
from .deps import Deps
from .people import check_people


@dataclass(frozen=True)
class Written:
    meeting: dict[str, Any]
    published: bool


async def schedule(deps: Deps, command: ScheduleMeeting) -> Written:
    """Refused (422) naming the field: a clinic without a team, a team not in the
    directory, an unknown chair or invitee."""
    if needs_team(command.kind) and not command.team_id:
        raise Refused("team_id", "a performance clinic is for one team: name it")
    if command.team_id is not None and await deps.directory.team(command.team_id) is None:
        raise Refused("team_id", f"team {command.team_id} is not in the staff directory")
    await check_people(deps, {"chair_id": [command.chair_id] if command.chair_id else [],
                              "invited_ids.{n}": command.invited_ids})
    carried = []
    if needs_team(command.kind):
        carried = carry_in(await deps.meetings.last_signed_clinic(command.team_id or ""))
    meeting_id = str(uuid.uuid4())
    event = decide_schedule(command, meeting_id=meeting_id, carried=carried)
    published = await deps.meetings.create(scheduled_document(event, command), [event],
                                           correlation_id=current_correlation_id())
    if needs_team(command.kind):
        await clinics.refresh_schedule(deps, command.team_id or "")
    return Written(await _get(deps, meeting_id), published)


async def hold(deps: Deps, meeting: dict[str, Any], command: HoldMeeting) -> Written:
    await check_people(deps, {"chair_id": [command.chair_id] if command.chair_id else [],
                              "attendee_ids.{n}": command.attendee_ids})
    previous = await deps.meetings.last_held(meeting["kind"], meeting.get("team_id"),
                                             before=command.held_on.isoformat())
    event = decide_hold(meeting, command, today=england_day(deps.clock.now()),
                        previous_held_on=_held_on(previous))
    changes = held_changes(event, command)
    if needs_team(meeting["kind"]):  # the last signed clinic may be newer than at scheduling
        fresh = carry_in(await deps.meetings.last_signed_clinic(meeting["team_id"]))
        if fresh and meeting.get("carried_priorities") != [p.model_dump() for p in fresh]:
            changes["carried_priorities"] = [p.model_dump(mode="json") for p in fresh]
    published = await deps.meetings.change(meeting, changes, [event],
                                           correlation_id=current_correlation_id())
    if needs_team(meeting["kind"]):
        await clinics.refresh_schedule(deps, meeting["team_id"])
    return Written(await _get(deps, meeting["_id"]), published)


async def cancel(deps: Deps, meeting: dict[str, Any], command: CancelMeeting) -> Written:
    """Locked (409) once held or cancelled. A cancelled clinic is no longer its team's
    planned clinic: the schedule (and its alerts) sees that at once."""
    event = decide_cancel(meeting, command, today=england_day(deps.clock.now()))
    published = await deps.meetings.change(meeting, cancelled_changes(event), [event],
                                           correlation_id=current_correlation_id())
    if needs_team(meeting["kind"]):
        await clinics.refresh_schedule(deps, meeting["team_id"])
    return Written(await _get(deps, meeting["_id"]), published)


async def get(deps: Deps, meeting_id: str) -> dict[str, Any] | None:
    return await deps.meetings.get(meeting_id)


async def listed(deps: Deps, *, kind: str | None, team_id: str | None) -> list[dict[str, Any]]:
    return [without_support(m) for m in await deps.meetings.listed(kind=kind, team_id=team_id)]


def guest_may_open(meeting: dict[str, Any], who: Principal) -> bool:
    return who.subject in meeting.get("guest_ids", [])


def pack_of(meeting: dict[str, Any]) -> dict[str, Any]:
    """What a guest may see: the meeting's title, date and pack link, nothing else."""
    return {"meeting_id": meeting["_id"], "title": meeting["title"], "kind": meeting["kind"],
            "scheduled_for": meeting["scheduled_for"], "pack": meeting.get("pack")}


def without_support(meeting: dict[str, Any]) -> dict[str, Any]:
    """The meeting as everyone may read it: the people needing support taken out (see
    support.py for who sees them)."""
    shown = copy.deepcopy(meeting)
    shown["guest_ids"] = len(meeting.get("guest_ids", []))
    for holder in (shown.get("minutes"), *[v.get("minutes") for v in shown.get("versions", [])]):
        if holder and holder.get("clinic"):
            holder["clinic"] = {k: v for k, v in holder["clinic"].items() if k != "support"}
    shown.pop("write_id", None)
    return shown


async def _get(deps: Deps, meeting_id: str) -> dict[str, Any]:
    meeting = await deps.meetings.get(meeting_id)
    assert meeting is not None  # just written
    return meeting


def _held_on(meeting: dict[str, Any] | None) -> date | None:
    return date.fromisoformat(meeting["held_on"]) if meeting else None
