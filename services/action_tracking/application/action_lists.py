"""The lists of actions people work from: their own, and their team's (with the latest
alerts they may see), unfinished ones only, overdue first; and the alerts described for
people: what happened, when, for which team (by name), which case (only to those who may
see the action), the action it names and whether it can be acknowledged here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.action import ActionStatus
from shared.auth import Principal

from ..domain.lifecycle import refusal
from . import actions as actions_app
from .alerts import viewer_for
from .deps import Deps

RECORDS = {  # the record behind an alert: (service, path, words)
    "safety_link": ("feedback_ingestion", "/statements/{id}", "the Safety Link statement"),
    "safeguarding_concern": ("audit_capture", "/audits/{id}/view", "the audit"),
}


@dataclass
class TeamActions:
    actions: list[dict[str, Any]]
    alerts: list[dict[str, Any]]


@dataclass
class Named:
    people: dict[str, str]
    teams: dict[str, str]


async def my_actions(deps: Deps, who: Principal) -> list[dict[str, Any]]:
    return await _overdue_first(deps, await deps.actions.unfinished_owned_by(who.subject))


async def my_alerts(deps: Deps, who: Principal, *, limit: int = 10) -> list[dict[str, Any]]:
    """The latest alerts this person may see (their own first of all), described."""
    viewer = await viewer_for(who, deps.directory)
    return await described(deps, who, await deps.alerts.recent_seen_by(viewer, limit=limit))


async def alert_for(deps: Deps, who: Principal, alert_id: str) -> dict[str, Any] | None:
    """One alert described, if this person may see it (a live alert's list item)."""
    alert = await deps.alerts.get(alert_id)
    viewer = await viewer_for(who, deps.directory)
    if alert is None or not viewer.sees(alert):
        return None
    return (await described(deps, who, [alert]))[0]


async def team_actions(deps: Deps, who: Principal, *, alerts: int = 10) -> TeamActions:
    """What this manager sees: their teams', their reports', their service's."""
    viewer = await viewer_for(who, deps.directory)
    actions = await deps.actions.unfinished_seen_by(viewer)
    recent = await deps.alerts.recent_seen_by(viewer, limit=alerts)
    return TeamActions(await _overdue_first(deps, actions), await described(deps, who, recent))


async def named(deps: Deps, actions: list[dict[str, Any]]) -> Named:
    return Named(*await actions_app.names(deps, actions))


async def described(deps: Deps, who: Principal,
                    alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each alert with `team_name`, `owner_name`, its `action` if this person may see it
    (with the case reference, for urgent ones), `record` (service, path, words) and
    `can_acknowledge`."""
    viewer = await viewer_for(who, deps.directory)
    ids = {a["action_id"] for a in alerts if a.get("action_id")}
    ids |= {a["about_id"] for a in alerts if a.get("about") == "action"}
    found = await deps.actions.with_ids(ids) if ids else {}
    people, teams = await actions_app.names(deps, [], alerts)
    out = []
    for alert in alerts:
        action = found.get(alert.get("action_id") or (
            alert["about_id"] if alert.get("about") == "action" else ""))
        if action is not None and not viewer.sees_action(action):
            action = None
        can_ack = False
        if action is not None and action.get("urgent"):
            who_acts = await actions_app.actor(deps, who, action)
            can_ack = refusal("acknowledged", ActionStatus(action["status"]), who_acts,
                              action["owner_id"]) is None
        origin = (action or {}).get("origin", {})
        record = RECORDS.get(origin.get("kind", ""))
        out.append({**alert, "action": action, "can_acknowledge": can_ack,
                    "team_name": teams.get(alert.get("team_id") or "", alert.get("team_id")),
                    "owner_name": people.get(alert.get("owner_id") or "", alert.get("owner_id")),
                    "record": (record[0], record[1].format(id=origin["id"]), record[2])
                    if record else None})
    return out


async def _overdue_first(deps: Deps, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each action marked `overdue` (its deadline has passed), overdue ones first, then by
    due date."""
    overdue = await deps.deadlines.overdue_ids("action", deps.clock.now())
    for action in actions:
        action["overdue"] = action["_id"] in overdue
    return sorted(actions, key=lambda a: (not a["overdue"], a["due_date"]))
