"""The deadline loop's work (entrypoints/deadline_loop.py decides when): raise every alert
whose moment has come, once, and keep the actions gauges current.

Exactly-once comes from derived alert ids and insert-once, so two instances raising at the
same moment raise each alert once.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime
from typing import Any

from schemas.action import ActionStatus
from schemas.alert import AlertRaised

from ..domain.deadlines import Plan, alert_id, working_days_overdue
from . import alerts
from .deadlines import ACKNOWLEDGEMENT, OPEN_STATUSES
from .deps import Deps

TITLES = {"due_soon": "Due soon", "overdue": "Overdue", "escalated": "Escalated: overdue"}
ABOUT = {"action": "action", "audit_window": "audit", "complaint_stage": "complaint stage"}
NOT_ACKNOWLEDGED = "Escalated: urgent action not acknowledged in time"
SIDE_BY_SIDE = 16  # deadlines raised at once when many share a due moment (midnight)


async def raise_due(deps: Deps) -> int:
    """Raise every alert due now; returns how many this instance raised."""
    now = deps.clock.now()
    parallel = asyncio.Semaphore(SIDE_BY_SIDE)
    results = await asyncio.gather(*(_raise_due(deps, d, now, parallel)
                                     for d in await deps.deadlines.due(now)))
    return sum(results)


async def next_moment(deps: Deps) -> datetime | None:
    """The earliest alert moment still to come of any open deadline, in any instance."""
    return await deps.deadlines.next_moment()


async def refresh_metrics(deps: Deps) -> None:
    """From the counters kept as events are applied, and an index count per open status of
    the overdue ones (only open actions have an open deadline)."""
    async with deps.gauges_lock:  # the counters read and shown as one step (deps.py)
        counts = await deps.deadlines.action_counts()
        overdue = await deps.deadlines.overdue_actions([s.value for s in OPEN_STATUSES],
                                                       deps.clock.now())
        for status in ActionStatus:
            deps.metrics.actions.labels(status.value).set(counts.get(status.value, 0))
            deps.metrics.overdue.labels(status.value).set(overdue.get(status.value, 0))


async def _raise_due(deps: Deps, document: dict[str, Any], now: datetime,
                     parallel: asyncio.Semaphore) -> int:
    async with parallel:
        kinds, skipped = Plan(document["moments"], set(document.get("done", []))).due(now)
        raised = 0
        for kind in kinds:
            raised += await _raise(deps, document, kind)
        await deps.deadlines.mark_done(document, kinds + skipped)
        return raised


async def _raise(deps: Deps, deadline: dict[str, Any], kind: str) -> int:
    moment = deadline["moments"][kind]
    escalated_to = None
    if kind == "escalated":
        team = await deps.directory.team(deadline.get("team_id"))
        escalated_to = (team or {}).get("head_of_service_id")
    now = deps.clock.now()
    due_on = date.fromisoformat(deadline["due_on"])
    acknowledgement = deadline["about"] == ACKNOWLEDGEMENT
    about = "action" if acknowledgement else deadline["about"]
    alert = AlertRaised(
        alert_id=alert_id(kind, deadline["_id"], moment), kind=kind,
        about=about, about_id=deadline["about_id"],
        team_id=deadline.get("team_id"), owner_id=deadline.get("owner_id"),
        due_at=deadline["due_at"], urgent=kind == "escalated", raised_at=now,
        deadline_id=deadline["_id"], escalated_to=escalated_to,
        working_days_overdue=(working_days_overdue(due_on, now)
                              if kind != "due_soon" and not acknowledgement else None),
        title=NOT_ACKNOWLEDGED if acknowledgement else f"{TITLES[kind]}: {ABOUT[about]}",
        action_id=deadline["about_id"] if about == "action" else None)
    created = await alerts.raise_once(deps, alert, correlation_id=str(uuid.uuid4()),
                                      moment=moment)
    return int(created)
