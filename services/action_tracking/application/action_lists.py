"""The lists of actions people work from: their own, and their team's (with the latest
alerts they may see), unfinished ones only, overdue first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.auth import Principal

from .alerts import viewer_for
from .deps import Deps


@dataclass
class TeamActions:
    actions: list[dict[str, Any]]
    alerts: list[dict[str, Any]]


async def my_actions(deps: Deps, who: Principal) -> list[dict[str, Any]]:
    return await _overdue_first(deps, await deps.actions.unfinished_owned_by(who.subject))


async def team_actions(deps: Deps, who: Principal, *, alerts: int = 10) -> TeamActions:
    """What this manager sees: their teams', their reports', their service's."""
    viewer = await viewer_for(who, deps.directory)
    actions = await deps.actions.unfinished_seen_by(viewer)
    return TeamActions(await _overdue_first(deps, actions),
                       await deps.alerts.recent_seen_by(viewer, limit=alerts))


async def _overdue_first(deps: Deps, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each action marked `overdue` (its deadline has passed), overdue ones first, then by
    due date."""
    overdue = await deps.deadlines.overdue_ids("action", deps.clock.now())
    for action in actions:
        action["overdue"] = action["_id"] in overdue
    return sorted(actions, key=lambda a: (not a["overdue"], a["due_date"]))
