"""Urgent alerts become owned work: a MOMO Safety Link or a safeguarding concern found in an
audit raises an urgent tracked action, owned by the child's team's duty manager (a person of
the team with the role `duty_manager` in the directory) or else its team manager, or else the
team's head of service; it is to be acknowledged within a set number of working hours, or is
escalated to the head of service (the deadline engine does that)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from schemas.action import ActionOrigin, ActionRaised
from schemas.common import Priority
from shared.england_time import england_day

from .actions import action_id_for
from .deadlines import add_working_hours

UrgentKind = Literal["safety_link", "safeguarding_concern"]
UNASSIGNED = "unassigned"  # no team, or nobody to own it: seen by those who see everything
DESCRIPTIONS = {
    "safety_link": "A child used the MOMO Safety Link: contact the child today, check they "
                   "are safe and record what was done",
    "safeguarding_concern": "Safeguarding concern found during an audit: review the case "
                            "today and record the action taken",
}
TITLES = {"safety_link": "A child used the MOMO Safety Link",
          "safeguarding_concern": "Safeguarding concern raised during an audit"}


def _role_words(person: dict[str, Any]) -> set[str]:
    words = {str(r).strip().lower().replace(" ", "_") for r in person.get("roles") or []}
    words.add(str(person.get("job_role") or "").strip().lower().replace(" ", "_"))
    return words


def choose_owner(team_people: list[dict[str, Any]], head_of_service_id: str | None) -> str:
    """The duty manager named in the directory, else the team manager, else the head of
    service; the lowest id where there are several, so a redelivery chooses the same."""
    active = sorted((p for p in team_people if p.get("active", True)), key=lambda p: p["_id"])
    for role in ("duty_manager", "team_manager"):
        for person in active:
            if role in _role_words(person):
                return person["_id"]
    return head_of_service_id or UNASSIGNED


def acknowledge_by(raised_at: datetime, working_hours: float) -> datetime:
    return add_working_hours(raised_at, working_hours)


def urgent_action(*, kind: UrgentKind, about_id: str, record_id: str, team_id: str | None,
                  owner_id: str,
                  case_ref: str | None, raised_at: datetime, acknowledge_within_hours: float,
                  summary: str | None = None) -> ActionRaised:
    """The urgent action an alert creates (its id derived from the concern or statement, so
    a redelivery creates none), raised from the record behind it (the audit, or the Safety
    Link statement); due on the day it must be acknowledged by."""
    by = acknowledge_by(raised_at, acknowledge_within_hours)
    description = DESCRIPTIONS[kind] + (f". Concern: {summary}" if summary else "")
    return ActionRaised(
        action_id=action_id_for(kind, about_id, "urgent"),
        origin=ActionOrigin(kind=kind, id=record_id), description=description,
        owner_id=owner_id, team_id=team_id or UNASSIGNED,
        due_date=england_day(by - timedelta(microseconds=1)), priority=Priority.HIGH,
        raised_at=raised_at, urgent=True, acknowledge_by=by, case_ref=case_ref)
