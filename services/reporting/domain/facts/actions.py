"""Facts of improvement actions (qa.action) and the alerts about them (qa.alert)."""

from __future__ import annotations

from typing import Any

from schemas.action import ActionAssigned, ActionDueDateChanged, ActionRaised
from schemas.action import ActionStatusChanged
from schemas.alert import AlertRaised
from shared.england_time import england_day

from .. import names
from ..periods import month_of
from .fact import Fact


def action_raised_facts(e: ActionRaised) -> list[Fact]:
    return [Fact(names.ACTIONS, e.action_id, {
        "origin_kind": e.origin.kind, "origin_id": e.origin.id, "team_id": e.team_id,
        "owner_id": e.owner_id, "due_date": e.due_date.isoformat(),
        "raised_month": month_of(e.raised_at), "raised_on": england_day(e.raised_at).isoformat(),
        "priority": e.priority.value, "status": "open", "completed_on": None})]


def action_status_facts(e: ActionStatusChanged) -> list[Fact]:
    fields: dict[str, Any] = {"status": e.status.value}
    if e.status.value == "completed":
        fields["completed_on"] = england_day(e.changed_at).isoformat()
    elif e.status.value in ("open", "in_progress"):
        fields["completed_on"] = None  # reopened
    if e.owner_id:
        fields["owner_id"] = e.owner_id
    if e.team_id:
        fields["team_id"] = e.team_id
    return [Fact(names.ACTIONS, e.action_id, fields)]


def action_due_date_facts(e: ActionDueDateChanged) -> list[Fact]:
    """The new date agreed; `due_date` stays the original, against which "completed in
    time" is counted (shared/action_timeliness.py)."""
    return [Fact(names.ACTIONS, e.action_id, {"agreed_due_date": e.due_date.isoformat()})]


def action_assigned_facts(e: ActionAssigned) -> list[Fact]:
    return [Fact(names.ACTIONS, e.action_id, {"owner_id": e.owner_id, "team_id": e.team_id})]


def alert_facts(e: AlertRaised) -> list[Fact]:
    return [Fact(names.ALERTS, e.alert_id, {
        "kind": e.kind, "about": e.about, "team_id": e.team_id, "urgent": e.urgent,
        "month": month_of(e.raised_at)})]
