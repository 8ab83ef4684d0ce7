"""Alerts: raising one exactly once (stored under its derived id with its event, then
published), and the ones a person may see, recent or live."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from schemas.alert import AlertRaised
from shared.auth import Principal, Role
from shared.envelope import derived_id

from ..adapters.directory import Directory
from ..adapters.live import AlertHub
from ..domain.visibility import Viewer
from .deps import Deps


async def raise_once(deps: Deps, alert: AlertRaised, *, correlation_id: str,
                     causation_id: str | None = None, moment: datetime | None = None) -> bool:
    """True if this call raised it (False: it already existed). `moment`: when its
    deadline passed, for the deadline-to-published histogram."""
    envelope = deps.publisher.envelope(
        alert, correlation_id=correlation_id, causation_id=causation_id,
        event_id=derived_id("event", "alert.raised", alert.alert_id),
        occurred_at=alert.raised_at)
    written = await deps.alerts.insert_once(alert, envelope)
    if written is None:
        return False
    if await deps.alerts.publish(written) and moment is not None:
        delay = (deps.clock.now() - moment).total_seconds()
        deps.metrics.deadline_to_alert.labels(alert.kind).observe(max(0.0, delay))
    return True


async def viewer_for(who: Principal, directory: Directory) -> Viewer:
    """Whose alerts and actions this person sees: their own, their team's, and as a team
    manager their reports' teams, as a head of service their service's teams."""
    teams: set[str] = {who.team_id} if who.team_id else set()
    if Role.TEAM_MANAGER in who.roles:
        teams |= await directory.managed_teams(who.subject)
    if Role.HEAD_OF_SERVICE in who.roles:
        teams |= await directory.service_teams(who.subject)
    return Viewer(person_id=who.subject, roles=who.roles, teams=frozenset(teams))


async def recent(deps: Deps, who: Principal, limit: int = 50) -> list[dict[str, Any]]:
    viewer = await viewer_for(who, deps.directory)
    return await deps.alerts.recent_seen_by(viewer, limit=limit)


@dataclass
class LiveAlerts:
    """One browser's feed of new alerts it may see; `close` when the browser goes."""

    hub: AlertHub
    key: int
    queue: asyncio.Queue

    async def next(self) -> dict[str, Any]:
        return await self.queue.get()

    def close(self) -> None:
        self.hub.disconnect(self.key)


async def follow(deps: Deps, who: Principal) -> LiveAlerts:
    viewer = await viewer_for(who, deps.directory)
    key, queue = deps.hub.connect(viewer)
    return LiveAlerts(deps.hub, key, queue)
