"""Actions and their lifecycle: raising one directly, a person's change, a new owner, and
reading them. The rules decide the event (domain/changes.py); the repository stores state,
history and event in one write, then publishes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from schemas.action import ActionStatus
from schemas.base import EventData
from shared.auth import Principal
from shared.england_time import england_day
from shared.envelope import Envelope
from shared.history import recorded_moment
from shared.logs import correlation_id_var

from ..domain.actions import RaiseAction, raise_directly
from ..domain.changes import UnknownOwner, decide_assign, decide_change, decide_due_date
from ..domain.changes import evolve_assigned, evolve_due_date, evolve_status, last_moment
from ..domain.lifecycle import Actor, refusal
from .alerts import viewer_for
from .deps import Deps


@dataclass
class Raised:
    action: dict[str, Any]
    created: bool  # False: the same origin and key again, nothing new
    published: bool


async def raise_action(deps: Deps, command: RaiseAction, who: Principal) -> Raised:
    """A person raises an action: the owner must be active in the staff directory
    (UnknownOwner), a past due date only when recorded as past (DueDateInPast)."""
    owner = await deps.directory.active_person(command.owner_id)
    if owner is None:
        raise UnknownOwner("is not an active person in the staff directory")
    now = deps.clock.now()
    raised = raise_directly(command, team_id=owner["team_id"], raised_by=who.subject, now=now,
                            today=england_day(now))
    created = await deps.actions.add_once(raised, _envelope(deps, raised, now))
    action = await deps.actions.get(raised.action_id)
    assert action is not None  # just stored, or stored before under the same id
    return Raised(action, created, await deps.actions.flush(raised.action_id))


async def actor(deps: Deps, who: Principal, action: dict[str, Any]) -> Actor:
    owner, team = action["owner_id"], action["team_id"]
    manages = (who.team_id == team) or await deps.directory.manages(who.subject, owner, team)
    service = await deps.directory.service_teams(who.subject)
    return Actor(person_id=who.subject, roles=who.roles, manages_owner=manages,
                 in_owners_service=team in service)


def moment(deps: Deps, who: Principal, action: dict[str, Any],
           at: datetime | None) -> tuple[datetime, bool]:
    """(when the change happened, whether that was given as history): now, or `at` from
    someone loading history, neither in the future nor before the action's last change
    (NotAHistoryLoader, BadRecordedMoment)."""
    now = deps.clock.now()
    if at is None:
        return now, False
    since, what = last_moment(action)
    return recorded_moment(who, at, now=now, not_before=since, what_before=what), True


async def change(deps: Deps, action: dict[str, Any], who: Principal, change: str, *,
                 note: str | None = None, evidence: str | None = None,
                 at: datetime | None = None) -> bool:
    """A status change (IllegalTransition, NotAllowed; with `at`, see `moment`); True once
    published."""
    when, past = moment(deps, who, action, at)
    event = decide_change(action, await actor(deps, who, action), change, note=note,
                          evidence=evidence, now=when, recorded_past=past)
    changes, entry = evolve_status(action, event)
    return await deps.actions.change(action, changes, entry, [(event, _envelope(deps, event))])


async def assign(deps: Deps, action: dict[str, Any], who: Principal, owner_id: str,
                 reason: str | None) -> bool:
    """A new owner (IllegalTransition, NotAllowed, UnknownOwner); True once published."""
    who_acts = await actor(deps, who, action)
    event = decide_assign(action, who_acts, owner=await deps.directory.active_person(owner_id),
                          now=deps.clock.now())
    changes, entry = evolve_assigned(action, event, reason)
    return await deps.actions.change(action, changes, entry, [(event, _envelope(deps, event))])


async def change_due_date(deps: Deps, action: dict[str, Any], who: Principal,
                          due_date: date, reason: str, at: datetime | None = None) -> bool:
    """A new due date agreed with a reason (IllegalTransition, NotAllowed, BadDueDate; with
    `at`, see `moment`); the original is kept. True once published."""
    when, past = moment(deps, who, action, at)
    event = decide_due_date(action, await actor(deps, who, action), due_date=due_date,
                            reason=reason, now=when, today=england_day(when),
                            recorded_past=past)
    changes, entry = evolve_due_date(action, event)
    return await deps.actions.change(action, changes, entry, [(event, _envelope(deps, event))])


CHANGES = ("acknowledged", "progressed", "completed", "confirmed", "sent_back", "assigned",
           "rescheduled", "reopened", "cancelled")


@dataclass
class ActionPage:
    """What the action's page shows this person: the action, which controls they may use
    (the lifecycle rules decide), and names for the ids it holds."""

    action: dict[str, Any]
    may: set[str]
    people: dict[str, str]
    teams: dict[str, str]
    new_owners: list[dict[str, Any]]
    shows_case: bool


async def page(deps: Deps, who: Principal, action: dict[str, Any]) -> ActionPage:
    who_acts = await actor(deps, who, action)
    status = ActionStatus(action["status"])
    may = {c for c in CHANGES if refusal(c, status, who_acts, action["owner_id"]) is None}
    if not action.get("urgent"):
        may.discard("acknowledged")
    viewer = await viewer_for(who, deps.directory)
    new_owners: list[dict[str, Any]] = []
    if "assigned" in may:
        teams = set(viewer.teams) | {action["team_id"]}
        new_owners = [p for p in await deps.directory.active_people_in(teams)
                      if p["_id"] != action["owner_id"]]
    return ActionPage(action, may, *await names(deps, [action]), new_owners,
                      shows_case=viewer.sees_action(action))


async def names(deps: Deps, actions: list[dict[str, Any]],
                alerts: list[dict[str, Any]] | tuple = ()) -> tuple[dict[str, str], dict[str, str]]:
    """({person id: name}, {team id: name}) for every id these actions (their history too)
    and alerts hold; an id not in the directory is shown as it is."""
    people: set[str] = set()
    teams: set[str] = set()
    for a in actions:
        people |= {a["owner_id"], *(h.get("by") for h in a.get("history", [])),
                   *(h.get(k) for h in a.get("history", []) for k in ("owner_from", "owner_to"))}
        teams.add(a["team_id"])
    for al in alerts:
        people |= {al.get("owner_id"), al.get("escalated_to")}
        teams.add(al.get("team_id"))
    people.discard(None)
    teams.discard(None)
    return (await deps.directory.people_named(people),  # type: ignore[arg-type]
            await deps.directory.teams_named(teams))  # type: ignore[arg-type]


async def get(deps: Deps, action_id: str) -> dict[str, Any] | None:
    """For a change (the lifecycle rules decide who may make it)."""
    return await deps.actions.get(action_id)


async def seen(deps: Deps, who: Principal, action_id: str) -> dict[str, Any] | None:
    """The action if this person may read it (domain/visibility.py), else None (404)."""
    action = await deps.actions.get(action_id)
    if action is None or not (await viewer_for(who, deps.directory)).sees_action(action):
        return None
    return action


async def matching(deps: Deps, who: Principal, *, origin_id: str | None,
                   owner_id: str | None, team_id: str | None,
                   status: str | None) -> list[dict[str, Any]]:
    return await deps.actions.matching(await viewer_for(who, deps.directory),
                                       origin_id=origin_id, owner_id=owner_id,
                                       team_id=team_id, status=status)


def _envelope(deps: Deps, event: EventData, at: datetime | None = None) -> Envelope:
    return deps.publisher.envelope(event, correlation_id=correlation_id_var.get() or "none",
                                   occurred_at=at or deps.clock.now())
