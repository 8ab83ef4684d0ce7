"""A service's shutdown never hangs on a part that does not stop (shared/runtime.py): a
consumer stopped while its group was still forming once held a test's teardown past 120 s."""

import asyncio
import time

import shared.runtime as runtime


async def test_a_part_that_never_stops_is_left_after_the_bound(monkeypatch):
    monkeypatch.setattr(runtime, "STOP_SECONDS", 0.05)
    started = time.monotonic()
    await runtime._bounded(asyncio.Event().wait(), "a consumer that never stops")
    assert time.monotonic() - started < 2


async def test_a_part_that_stops_is_waited_for():
    stopped = []

    async def stop():
        await asyncio.sleep(0.01)  # a stop that takes a moment: not a wait
        stopped.append(True)

    await runtime._bounded(stop(), "the producer")
    assert stopped == [True]
