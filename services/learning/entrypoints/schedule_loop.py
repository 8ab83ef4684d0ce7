"""The schedule loop: sleeps until the earliest clinic alert moment of any team (or until
woken because a schedule changed or "now" moved), raises what is due
(application/clinics.py), and sleeps again. Started by bootstrap.py as a background task;
the schedule lives in the store, so any instance can raise (alert ids are derived)."""

from __future__ import annotations

import logging

from shared.cancellation import wait_for_alarm

from ..application import clinics
from ..application.deps import Deps

log = logging.getLogger(__name__)


async def run_schedule_loop(deps: Deps) -> None:
    while True:
        deps.schedule_alarm.clear()
        try:
            await clinics.raise_due(deps)
            upcoming = await clinics.next_moment(deps)
        except Exception as error:  # noqa: BLE001 - the loop must outlive any outage
            log.warning("clinic schedule will retry", extra={"error": type(error).__name__})
            upcoming = None
        sleep = deps.settings.schedule_max_sleep_seconds
        if upcoming is not None:
            sleep = min(sleep, max(0.0, (upcoming - deps.clock.now()).total_seconds()))
        await wait_for_alarm(deps.schedule_alarm, sleep)
