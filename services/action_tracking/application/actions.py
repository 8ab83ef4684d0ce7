"""Actions and their lifecycle: raising one directly, a person's change, a new owner, and
reading them. The rules decide the event (domain/changes.py); the repository stores state,
history and event in one write, then publishes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from schemas.base import EventData
from shared.auth import Principal
from shared.envelope import Envelope
from shared.logs import correlation_id_var

from ..domain.actions import RaiseAction, raise_directly
from ..domain.changes import UnknownOwner, decide_assign, decide_change, evolve_assigned
from ..domain.changes import evolve_status
from ..domain.deadlines import local_date
from ..domain.lifecycle import Actor
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
                            today=local_date(now))
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


async def change(deps: Deps, action: dict[str, Any], who: Principal, change: str, *,
                 note: str | None = None, evidence: str | None = None) -> bool:
    """A status change (IllegalTransition, NotAllowed); True once published."""
    event = decide_change(action, await actor(deps, who, action), change, note=note,
                          evidence=evidence, now=deps.clock.now())
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
