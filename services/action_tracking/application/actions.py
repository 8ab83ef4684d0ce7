"""Applying a person's change to an action: the rule (domain/lifecycle.py) decides, the
repository stores state, history and event in one write, then publishes."""

from __future__ import annotations

from typing import Any

from schemas.action import ActionAssigned, ActionStatus, ActionStatusChanged
from shared.auth import Principal
from shared.logs import correlation_id_var

from ..adapters.actions import ActionRepository, history_entry
from ..adapters.directory import Directory
from ..clock import Clock
from ..domain import lifecycle
from ..domain.lifecycle import Actor


class UnknownOwner(ValueError):
    pass


class Lifecycle:
    def __init__(self, actions: ActionRepository, directory: Directory, clock: Clock,
                 publisher) -> None:
        self.actions = actions
        self.directory = directory
        self.clock = clock
        self.publisher = publisher

    async def actor(self, who: Principal, action: dict[str, Any]) -> Actor:
        owner, team = action["owner_id"], action["team_id"]
        manages = (who.team_id == team) or await self.directory.manages(who.subject, owner, team)
        service = await self.directory.service_teams(who.subject)
        return Actor(person_id=who.subject, roles=who.roles, manages_owner=manages,
                     in_owners_service=team in service)

    async def change(self, action: dict[str, Any], who: Principal, change: str, *,
                     note: str | None = None, evidence: str | None = None) -> bool:
        current = ActionStatus(action["status"])
        new = lifecycle.apply(change, current, await self.actor(who, action), action["owner_id"])
        now = self.clock.now()
        event = ActionStatusChanged(
            action_id=action["_id"], status=new, previous_status=current,
            changed_by=who.subject, reason=note, changed_at=now, change=change,
            owner_id=action["owner_id"], team_id=action["team_id"], evidence=evidence)
        changes: dict[str, Any] = {"status": new.value, "updated_at": now.isoformat()}
        if change == "progressed":
            changes["progress"] = [*action.get("progress", []),
                                   {"at": now.isoformat(), "by": who.subject, "note": note}]
        if evidence is not None:
            changes["evidence"] = evidence
        entry = history_entry(at=now, by=who.subject, change=change, status=new.value,
                              note=evidence or note)
        return await self.actions.change(action, changes, entry, [(event, self._envelope(event))])

    async def assign(self, action: dict[str, Any], who: Principal, owner_id: str,
                     reason: str | None) -> bool:
        lifecycle.apply("assigned", ActionStatus(action["status"]),
                        await self.actor(who, action), action["owner_id"])
        person = await self.directory.active_person(owner_id)
        if person is None:
            raise UnknownOwner("is not an active person in the staff directory")
        now = self.clock.now()
        event = ActionAssigned(action_id=action["_id"], owner_id=owner_id,
                               previous_owner_id=action["owner_id"], team_id=person["team_id"],
                               assigned_by=who.subject, assigned_at=now)
        entry = history_entry(at=now, by=who.subject, change="assigned", status=action["status"],
                              note=reason or f"owner {action['owner_id']} → {owner_id}")
        return await self.actions.change(
            action, {"owner_id": owner_id, "team_id": person["team_id"]}, entry,
            [(event, self._envelope(event))])

    def _envelope(self, event):
        return self.publisher.envelope(event, correlation_id=correlation_id_var.get() or "none",
                                       occurred_at=self.clock.now())
