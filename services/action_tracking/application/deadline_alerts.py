"""The deadline engine: one loop that sleeps until the earliest pending alert moment of any
deadline in the store (or until woken because a deadline was added), raises what is due,
and goes back to sleep.

Why a loop and not APScheduler jobs: the schedule lives in the store (shared by every
instance and surviving restarts), so each wake-up is one indexed query for `next_at <= now`;
APScheduler would need a job per deadline kept in step with the store, and its job stores
must not be shared between schedulers. Exactly-once comes from derived alert ids and
insert-once, so two instances waking at the same moment raise each alert once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import date
from typing import Any

from schemas.alert import AlertRaised

from ..adapters.actions import ActionRepository
from ..adapters.deadlines import DeadlineStore
from ..adapters.directory import Directory
from ..clock import Clock
from ..domain.deadlines import Plan, alert_id, working_days_overdue
from .alerts import AlertRaiser
from ..metrics import ActionMetrics

log = logging.getLogger(__name__)
TITLES = {"due_soon": "Due soon", "overdue": "Overdue", "escalated": "Escalated: overdue"}
ABOUT = {"action": "action", "audit_window": "audit", "complaint_stage": "complaint stage"}


class DeadlineEngine:
    def __init__(self, deadlines: DeadlineStore, raiser: AlertRaiser, directory: Directory,
                 actions: ActionRepository, metrics: ActionMetrics, clock: Clock,
                 max_sleep: float = 5.0) -> None:
        self.deadlines = deadlines
        self.raiser = raiser
        self.directory = directory
        self.actions = actions
        self.metrics = metrics
        self.clock = clock
        self.max_sleep = max_sleep
        self._woken = asyncio.Event()
        self._parallel = asyncio.Semaphore(16)
        self._metrics_due = 0.0

    def wake(self) -> None:
        self._woken.set()

    async def tick(self) -> int:
        """Raise every alert due now; returns how many this instance raised."""
        now = self.clock.now()
        # Many deadlines share a due moment (midnight): raise them side by side, bounded.
        results = await asyncio.gather(*(self._raise_due(d, now)
                                         for d in await self.deadlines.due(now)))
        return sum(results)

    async def _raise_due(self, document: dict[str, Any], now) -> int:
        async with self._parallel:
            kinds, skipped = Plan(document["moments"], set(document.get("done", []))).due(now)
            raised = 0
            for kind in kinds:
                raised += await self._raise(document, kind)
            await self.deadlines.mark_done(document, kinds + skipped)
            return raised

    async def _raise(self, deadline: dict[str, Any], kind: str) -> int:
        moment = deadline["moments"][kind]
        escalated_to = None
        if kind == "escalated":
            team = await self.directory.team(deadline.get("team_id"))
            escalated_to = (team or {}).get("head_of_service_id")
        now = self.clock.now()
        due_on = date.fromisoformat(deadline["due_on"])
        alert = AlertRaised(
            alert_id=alert_id(kind, deadline["_id"], moment), kind=kind,
            about=deadline["about"], about_id=deadline["about_id"],
            team_id=deadline.get("team_id"), owner_id=deadline.get("owner_id"),
            due_at=deadline["due_at"], urgent=kind == "escalated", raised_at=now,
            deadline_id=deadline["_id"], escalated_to=escalated_to,
            working_days_overdue=working_days_overdue(due_on, now) if kind != "due_soon" else None,
            title=f"{TITLES[kind]}: {ABOUT[deadline['about']]}")
        created = await self.raiser.raise_once(
            alert, correlation_id=str(uuid.uuid4()), moment=moment)
        return int(created)

    async def refresh_metrics(self) -> None:
        now = self.clock.now()
        overdue_ids = await self.deadlines.overdue_ids("action", now)
        counts = await self.actions.count_by_status({})
        overdue = await self.actions.count_by_status({"_id": {"$in": sorted(overdue_ids)}})
        for status, count in counts.items():
            self.metrics.actions.labels(status).set(count)
            self.metrics.overdue.labels(status).set(overdue[status])

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self._woken.clear()
            try:
                await self.tick()
                if loop.time() >= self._metrics_due:
                    self._metrics_due = loop.time() + 15
                    await self.refresh_metrics()
                upcoming = await self.deadlines.next_moment()
            except Exception as error:  # noqa: BLE001 - the engine must outlive any outage
                log.warning("deadline engine will retry", extra={"error": type(error).__name__})
                upcoming = None
            sleep = self.max_sleep
            if upcoming is not None:
                sleep = min(sleep, max(0.0, (upcoming - self.clock.now()).total_seconds()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), timeout=sleep)
