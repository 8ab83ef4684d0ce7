"""The deadline loop: sleeps until the earliest pending alert moment of any deadline in the
store (or until woken because a deadline was added or "now" moved), raises what is due
(application/deadline_alerts.py), and goes back to sleep. Started by bootstrap.py as one of
the runtime's background tasks.

Why a loop and not APScheduler jobs: the schedule lives in the store (shared by every
instance and surviving restarts), so each wake-up is one indexed query for `next_at <= now`;
APScheduler would need a job per deadline kept in step with the store, and its job stores
must not be shared between schedulers.
"""

from __future__ import annotations

import asyncio
import logging

from shared.cancellation import wait_for_alarm

from ..application import deadline_alerts, deadlines
from ..application.deps import Deps

log = logging.getLogger(__name__)
METRICS_EVERY_SECONDS = 15


async def run_deadline_loop(deps: Deps) -> None:
    loop = asyncio.get_running_loop()
    metrics_due = 0.0
    backfilled = False
    while True:
        deps.deadline_alarm.clear()
        try:
            if not backfilled:
                await deadlines.backfill_action_statuses(deps)
                backfilled = True
            await deadline_alerts.raise_due(deps)
            if loop.time() >= metrics_due:
                metrics_due = loop.time() + METRICS_EVERY_SECONDS
                await deadline_alerts.refresh_metrics(deps)
            upcoming = await deadline_alerts.next_moment(deps)
        except Exception as error:  # noqa: BLE001 - the loop must outlive any outage
            log.warning("deadline engine will retry", extra={"error": type(error).__name__})
            upcoming = None
        sleep = deps.settings.engine_max_sleep_seconds
        if upcoming is not None:
            sleep = min(sleep, max(0.0, (upcoming - deps.clock.now()).total_seconds()))
        await wait_for_alarm(deps.deadline_alarm, sleep)
