"""A meeting from its scheduling to being held (pure): the commands, the rules that decide
their events, and the stored fields that follow from those events. Minutes and their
sign-off are in minutes.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from schemas.base import Id
from schemas.learning import CarriedPriority, MeetingCancelled, MeetingHeld, MeetingKind
from schemas.learning import MeetingScheduled
from schemas.learning import PackLink
from shared.months import shift

from .kinds import INTERVAL_MONTHS, needs_team
from .refusals import Locked, Refused

SCHEDULED, HELD, SIGNED_OFF, CANCELLED = "scheduled", "held", "signed_off", "cancelled"


class ScheduleMeeting(BaseModel):
    kind: MeetingKind
    title: str = Field(min_length=1, max_length=200)
    team_id: Id | None = Field(default=None, description="Required for a performance clinic")
    scheduled_for: date
    chair_id: Id | None = Field(default=None, description="Who chairs it, if known yet")
    invited_ids: list[Id] = Field(default_factory=list, max_length=200)
    guest_ids: list[Id] = Field(default_factory=list, max_length=50,
                                description="Guests' sign-in ids: they may open the pack only")
    pack: PackLink | None = None


class HoldMeeting(BaseModel):
    held_on: date
    chair_id: Id | None = Field(default=None, description="Who chaired it, if not as planned")
    attendee_ids: list[Id] = Field(default_factory=list, max_length=300)
    guest_ids: list[Id] = Field(default_factory=list, max_length=50,
                                description="Invited guests who came")


class CancelMeeting(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, description="Why it was called off")


def decide_schedule(command: ScheduleMeeting, *, meeting_id: str,
                    carried: list[CarriedPriority]) -> MeetingScheduled:
    if needs_team(command.kind) and not command.team_id:
        raise Refused("team_id", "a performance clinic is for one team: name it")
    return MeetingScheduled(
        meeting_id=meeting_id, kind=command.kind, title=command.title.strip(),
        team_id=command.team_id, scheduled_for=command.scheduled_for,
        chair_id=command.chair_id, invited_ids=command.invited_ids,
        guests_invited=len(command.guest_ids), pack=command.pack,
        carried_priorities=carried)


def scheduled_document(event: MeetingScheduled, command: ScheduleMeeting) -> dict[str, Any]:
    return {"_id": event.meeting_id, **event.model_dump(mode="json"),
            "chair_id": command.chair_id, "guest_ids": command.guest_ids,
            "status": SCHEDULED, "minutes": None, "minutes_version": 0, "versions": []}


def decide_hold(meeting: dict[str, Any], command: HoldMeeting, *, today: date,
                previous_held_on: date | None) -> MeetingHeld:
    """`previous_held_on`: the last meeting of its kind (and team) held before this one."""
    if meeting["status"] == CANCELLED:
        raise Locked("this meeting was cancelled; schedule a new one")
    if meeting["status"] != SCHEDULED:
        raise Locked(f"this meeting was held on {meeting['held_on']}; its attendance is kept")
    if command.held_on > today:
        raise Refused("held_on", "is in the future: record a meeting once it has been held")
    uninvited = sorted(set(command.guest_ids) - set(meeting.get("guest_ids", [])))
    if uninvited:
        raise Refused("guest_ids", f"not invited as guests: {', '.join(uninvited)}")
    chair = command.chair_id or meeting.get("chair_id")
    pack = PackLink.model_validate(meeting["pack"]) if meeting.get("pack") else None
    if pack is not None:
        pack = pack.model_copy(update={"frozen_on": command.held_on})
    attendees = list(dict.fromkeys([*([chair] if chair else []), *command.attendee_ids]))
    return MeetingHeld(
        meeting_id=meeting["_id"], kind=meeting["kind"], team_id=meeting.get("team_id"),
        held_on=command.held_on, chair_id=chair, attendee_ids=attendees,
        guests_attended=len(command.guest_ids), pack=pack,
        on_time=on_time(MeetingKind(meeting["kind"]), command.held_on, previous_held_on))


def decide_cancel(meeting: dict[str, Any], command: CancelMeeting, *,
                  today: date) -> MeetingCancelled:
    """Only a meeting scheduled and not yet held can be called off."""
    if meeting["status"] == CANCELLED:
        raise Locked("this meeting was cancelled already")
    if meeting["status"] != SCHEDULED:
        raise Locked(f"this meeting was held on {meeting['held_on']}: a meeting that took place "
                     "is not cancelled (correct its minutes instead)")
    reason = command.reason.strip()
    if not reason:
        raise Refused("reason", "say why the meeting is cancelled")
    return MeetingCancelled(meeting_id=meeting["_id"], kind=meeting["kind"],
                            team_id=meeting.get("team_id"),
                            scheduled_for=meeting["scheduled_for"], reason=reason,
                            cancelled_on=today)


def cancelled_changes(event: MeetingCancelled) -> dict[str, Any]:
    return {"status": CANCELLED, "cancelled_on": event.cancelled_on.isoformat(),
            "cancel_reason": event.reason}


def held_changes(event: MeetingHeld, command: HoldMeeting) -> dict[str, Any]:
    return {"status": HELD, "held_on": event.held_on.isoformat(),
            "chair_id": event.chair_id, "attendee_ids": event.attendee_ids,
            "guests_attended_ids": command.guest_ids, "on_time": event.on_time,
            "pack": event.pack.model_dump(mode="json") if event.pack else None}


def on_time(kind: MeetingKind, held_on: date, previous_held_on: date | None) -> bool:
    months = INTERVAL_MONTHS[kind]
    if months is None or previous_held_on is None:
        return True
    return held_on <= add_months(previous_held_on, months)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day."""
    year, month = (int(p) for p in shift(day.strftime("%Y-%m"), months).split("-"))
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
