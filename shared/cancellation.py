"""Stopping tasks for good, and waiting with a bound, on Python 3.11.

There, `asyncio.wait_for` can swallow a cancellation that lands in the same loop turn as the
awaited work finishing (cpython#86296, fixed by 3.12's rewrite): the task carries on as if
never cancelled. PyMongo's async network layer awaits `wait_for` on every send, so a task
cancelled mid-query could keep running: seen as a change-stream watcher that outlived its
service's shutdown, so a test's teardown hung past 120 s. Hence: waits here use
`asyncio.timeout` (cancellation-safe), and a task is cancelled again until it has ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Iterable
from typing import Any

log = logging.getLogger(__name__)
RECANCEL_SECONDS = 0.5  # a task that lost its cancellation is cancelled again this often


async def wait_for_alarm(alarm: asyncio.Event, seconds: float) -> bool:
    """Until `alarm` is set or `seconds` have passed; True when the alarm rang."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(max(0.0, seconds)):
            await alarm.wait()
            return True
    return False


async def cancel_and_wait(tasks: Iterable[asyncio.Task[Any]], *,
                          seconds: float) -> set[asyncio.Task[Any]]:
    """Cancel `tasks`, again every RECANCEL_SECONDS, until they have all ended or `seconds`
    have passed; returns those still running then. A cancellation of the caller meanwhile
    is held until the bound, then raised: children are not left behind by an impatient
    parent."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    pending = {task for task in tasks if not task.done()}
    interrupted: asyncio.CancelledError | None = None
    while pending and (left := deadline - loop.time()) > 0:
        for task in pending:
            task.cancel()
        try:
            _, pending = await asyncio.wait(pending, timeout=min(RECANCEL_SECONDS, left))
        except asyncio.CancelledError as cancelled:
            interrupted = cancelled
    if interrupted is not None:
        raise interrupted
    return pending


async def finish_or_leave(work: Awaitable[Any], *, seconds: float, what: str) -> None:
    """Await `work` up to `seconds` (its errors raised); past that, cancel it, and if it
    will not end either, leave it to the process's end with a warning: a shutdown must end."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if done:
        task.result()
        return
    left = await cancel_and_wait([task], seconds=RECANCEL_SECONDS * 4)
    log.warning("shutdown did not wait longer", extra={
        "part": what, "seconds": seconds, "still_running": bool(left)})
