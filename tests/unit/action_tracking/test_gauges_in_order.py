"""The actions gauges end on the counters' latest figures however their two writers overlap
(the deadline loop's refresh and an event's count): a refresh that read the counters before an
event counted, and set the gauges after it, left them stale until the next refresh (seen as
`test_action_metrics` failing in fresh-clone runs). Fakes for the counters; the real rule."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace

from prometheus_client import CollectorRegistry

from services.action_tracking.application.deadline_alerts import refresh_metrics
from services.action_tracking.application.deadlines import show_action_counts
from services.action_tracking.metrics import ActionMetrics


class Counters:
    """The counters, whose first read is held until `release` (a slow store)."""

    def __init__(self) -> None:
        self.by_status = {"open": 0}
        self.first_read_taken = asyncio.Event()
        self.release = asyncio.Event()
        self.reads = 0

    async def action_counts(self) -> dict[str, int]:
        seen = dict(self.by_status)
        self.reads += 1
        if self.reads == 1:
            self.first_read_taken.set()
            await self.release.wait()
        return seen

    async def overdue_actions(self, statuses, now) -> dict[str, int]:
        return {}


async def test_an_event_counted_during_a_refresh_is_on_the_gauge_at_the_end():
    counters = Counters()
    deps = SimpleNamespace(deadlines=counters, gauges_lock=asyncio.Lock(),
                           metrics=ActionMetrics.create(CollectorRegistry()),
                           clock=SimpleNamespace(now=lambda: datetime.now(UTC)))
    refreshing = asyncio.create_task(refresh_metrics(deps))
    await counters.first_read_taken.wait()  # the refresh has read: open 0
    counters.by_status["open"] = 3  # three actions counted meanwhile
    showing = asyncio.create_task(show_action_counts(deps))
    counters.release.set()
    await asyncio.gather(refreshing, showing)
    assert deps.metrics.actions.labels("open")._value.get() == 3
