"""A person's change to an action, decided and applied in one place: `decide_*` turn the
request into its event (the lifecycle rule says whether it is allowed) and `evolve` turns
the event into the stored fields and the history entry, so stored state follows from the
event and is never rebuilt beside it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from schemas.action import ActionAssigned, ActionDueDateChanged, ActionStatus
from schemas.action import ActionStatusChanged
from shared.action_timeliness import completed_in_time
from shared.england_time import england_day

from . import lifecycle
from .lifecycle import Actor


def history_entry(*, at: datetime, by: str, change: str, status: str,
                  note: str | None = None, **more: Any) -> dict[str, Any]:
    return {"at": at.isoformat(), "by": by, "change": change, "status": status, "note": note,
            **more}


class NotUrgent(lifecycle.IllegalTransition):
    """409: only urgent actions (a Safety Link, a safeguarding concern) are acknowledged."""


class BadDueDate(ValueError):
    """422 on due_date: a new due date must be a later day than today and not the same."""


def original_due_date(action: dict[str, Any]) -> str:
    return action.get("original_due_date") or str(action["due_date"])


def last_moment(action: dict[str, Any]) -> tuple[datetime, str]:
    """The moment of the action's latest change (or its raising), and what it was: history
    loaded afterwards is stamped no earlier, so the history reads in order."""
    history = action.get("history") or [{"at": action["raised_at"]}]
    moment = datetime.fromisoformat(str(history[-1]["at"]).replace("Z", "+00:00"))
    return moment, "the action was raised" if len(history) <= 1 else "the action's last change"


def decide_change(action: dict[str, Any], actor: Actor, change: str, *, note: str | None,
                  evidence: str | None, now: datetime,
                  recorded_past: bool = False) -> ActionStatusChanged:
    """The event of a status change (at `now`: a moment in the past when `recorded_past`,
    history loaded); IllegalTransition (409) or NotAllowed (403) if not."""
    current = ActionStatus(action["status"])
    new = lifecycle.apply(change, current, actor, action["owner_id"])
    if change == "acknowledged" and not action.get("urgent"):
        raise NotUrgent("only an urgent action (a Safety Link or a safeguarding concern) is "
                        "acknowledged; record progress instead")
    return ActionStatusChanged(
        action_id=action["_id"], status=new, previous_status=current,
        changed_by=actor.person_id, reason=note, changed_at=now, change=change,
        owner_id=action["owner_id"], team_id=action["team_id"], evidence=evidence,
        due_date=date.fromisoformat(str(action["due_date"])),
        original_due_date=date.fromisoformat(original_due_date(action)),
        recorded_past=recorded_past)


def decide_due_date(action: dict[str, Any], actor: Actor, *, due_date: date, reason: str,
                    now: datetime, today: date,
                    recorded_past: bool = False) -> ActionDueDateChanged:
    """A new due date agreed with a reason (IllegalTransition, NotAllowed, BadDueDate); the
    original date is kept. `today`: the day it was agreed (in the past for history)."""
    lifecycle.apply("rescheduled", ActionStatus(action["status"]), actor, action["owner_id"])
    previous = date.fromisoformat(str(action["due_date"]))
    if due_date < today:
        raise BadDueDate(f"{due_date.strftime('%d/%m/%Y')} is in the past; agree a date from "
                         f"today ({today.strftime('%d/%m/%Y')}) on")
    if due_date == previous:
        raise BadDueDate(f"the action is already due on {due_date.strftime('%d/%m/%Y')}")
    return ActionDueDateChanged(
        action_id=action["_id"], due_date=due_date, previous_due_date=previous,
        original_due_date=date.fromisoformat(original_due_date(action)), reason=reason,
        changed_by=actor.person_id, changed_at=now, owner_id=action["owner_id"],
        team_id=action["team_id"], recorded_past=recorded_past)


def evolve_due_date(action: dict[str, Any],
                    event: ActionDueDateChanged) -> tuple[dict[str, Any], dict[str, Any]]:
    entry = history_entry(
        at=event.changed_at, by=event.changed_by, change="due_date_changed",
        status=action["status"], note=event.reason,
        due_from=event.previous_due_date.isoformat(), due_to=event.due_date.isoformat(),
        **_loaded(event.recorded_past))
    return {"due_date": event.due_date.isoformat(),
            "original_due_date": event.original_due_date.isoformat(),
            "updated_at": event.changed_at.isoformat()}, entry


class UnknownOwner(ValueError):
    """422 on owner_id: the new owner is not an active person in the staff directory."""


def decide_assign(action: dict[str, Any], actor: Actor, *, owner: dict[str, Any] | None,
                  now: datetime) -> ActionAssigned:
    """The event of a new owner (`owner`: their directory record, None if not active)."""
    lifecycle.apply("assigned", ActionStatus(action["status"]), actor, action["owner_id"])
    if owner is None:
        raise UnknownOwner("is not an active person in the staff directory")
    return ActionAssigned(action_id=action["_id"], owner_id=owner["_id"],
                          previous_owner_id=action["owner_id"], team_id=owner["team_id"],
                          assigned_by=actor.person_id, assigned_at=now)


def evolve_status(action: dict[str, Any],
                  event: ActionStatusChanged) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the fields to store, the history entry) that a status change makes."""
    at = event.changed_at.isoformat()
    changes: dict[str, Any] = {"status": event.status.value, "updated_at": at}
    if event.change == "progressed":
        changes["progress"] = [*action.get("progress", []),
                               {"at": at, "by": event.changed_by, "note": event.reason,
                                "evidence": event.evidence}]
    if event.evidence is not None:
        changes["evidence"] = event.evidence
    if event.change == "completed":
        changes["completed_on"] = england_day(event.changed_at).isoformat()
        changes["completed_in_time"] = completed_in_time(
            changes["completed_on"], event.original_due_date or event.due_date)
    if event.change == "acknowledged":
        changes["acknowledged_at"], changes["acknowledged_by"] = at, event.changed_by
    entry = history_entry(at=event.changed_at, by=event.changed_by, change=str(event.change),
                          status=event.status.value, note=event.evidence or event.reason,
                          reason=event.reason, evidence=event.evidence,
                          **_loaded(event.recorded_past))
    return changes, entry


def _loaded(recorded_past: bool) -> dict[str, Any]:
    """A history entry stamped afterwards says so (the stamp is when it happened)."""
    return {"recorded_past": True} if recorded_past else {}


def evolve_assigned(action: dict[str, Any], event: ActionAssigned,
                    reason: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the fields to store, the history entry) of a new owner; the reason is kept in the
    history only (the event carries no free text)."""
    entry = history_entry(
        at=event.assigned_at, by=event.assigned_by, change="assigned", status=action["status"],
        note=reason or f"owner {event.previous_owner_id} → {event.owner_id}",
        owner_from=event.previous_owner_id, owner_to=event.owner_id, reason=reason)
    return {"owner_id": event.owner_id, "team_id": event.team_id}, entry
