"""A person's change to an action, decided and applied in one place: `decide_*` turn the
request into its event (the lifecycle rule says whether it is allowed) and `evolve` turns
the event into the stored fields and the history entry, so stored state follows from the
event and is never rebuilt beside it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from schemas.action import ActionAssigned, ActionStatus, ActionStatusChanged

from . import lifecycle
from .lifecycle import Actor


def history_entry(*, at: datetime, by: str, change: str, status: str,
                  note: str | None = None) -> dict[str, Any]:
    return {"at": at.isoformat(), "by": by, "change": change, "status": status, "note": note}


def decide_change(action: dict[str, Any], actor: Actor, change: str, *, note: str | None,
                  evidence: str | None, now: datetime) -> ActionStatusChanged:
    """The event of a status change; IllegalTransition (409) or NotAllowed (403) if not."""
    current = ActionStatus(action["status"])
    new = lifecycle.apply(change, current, actor, action["owner_id"])
    return ActionStatusChanged(
        action_id=action["_id"], status=new, previous_status=current,
        changed_by=actor.person_id, reason=note, changed_at=now, change=change,
        owner_id=action["owner_id"], team_id=action["team_id"], evidence=evidence)


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
                               {"at": at, "by": event.changed_by, "note": event.reason}]
    if event.evidence is not None:
        changes["evidence"] = event.evidence
    entry = history_entry(at=event.changed_at, by=event.changed_by, change=str(event.change),
                          status=event.status.value, note=event.evidence or event.reason)
    return changes, entry


def evolve_assigned(action: dict[str, Any], event: ActionAssigned,
                    reason: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the fields to store, the history entry) of a new owner; the reason is kept in the
    history only (the event carries no free text)."""
    entry = history_entry(
        at=event.assigned_at, by=event.assigned_by, change="assigned", status=action["status"],
        note=reason or f"owner {event.previous_owner_id} → {event.owner_id}")
    return {"owner_id": event.owner_id, "team_id": event.team_id}, entry
