"""Shutdown never hangs, and a cancellation is never lost (shared/cancellation.py): on
Python 3.11 a library's `asyncio.wait_for` can swallow a cancellation, and a relay's
change-stream watcher that lost one kept a test's teardown waiting past 120 s."""

import asyncio
import time
from pathlib import Path

import pytest

from shared.cancellation import cancel_and_wait, finish_or_leave, wait_for_alarm


def stubborn(swallow: int, ended: list[str], waiting: asyncio.Event):
    """Work that loses its first `swallow` cancellations, as a task inside a 3.11 wait_for;
    `waiting` is set once it waits."""
    async def work() -> None:
        lost = 0
        while True:
            try:
                waiting.set()
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                lost += 1
                if lost > swallow:
                    ended.append("cancelled")
                    raise
    return work()


async def test_a_task_that_lost_its_cancellation_is_cancelled_again_until_it_ends():
    ended: list[str] = []
    waiting = asyncio.Event()
    once = asyncio.create_task(stubborn(swallow=1, ended=ended, waiting=waiting))
    await waiting.wait()
    assert await cancel_and_wait([once], seconds=5) == set()
    assert once.cancelled() and ended == ["cancelled"]


async def test_a_task_that_will_not_end_is_returned_after_the_bound():
    ended: list[str] = []
    waiting = asyncio.Event()
    forever = asyncio.create_task(stubborn(swallow=10**6, ended=ended, waiting=waiting))
    await waiting.wait()
    started = time.monotonic()
    assert await cancel_and_wait([forever], seconds=0.2) == {forever}
    assert time.monotonic() - started < 2 and not forever.done()
    forever.get_coro().close()  # the test's own clean-up of what it made unstoppable


async def test_the_callers_cancellation_waits_for_the_children_then_is_raised():
    ended: list[str] = []
    waiting = asyncio.Event()
    child = asyncio.create_task(stubborn(swallow=2, ended=ended, waiting=waiting))
    await waiting.wait()
    waiting.clear()
    parent = asyncio.create_task(cancel_and_wait([child], seconds=5))
    await waiting.wait()  # the parent's first cancellation reached the child, which waits again
    parent.cancel()
    with pytest.raises(asyncio.CancelledError):
        await parent
    assert child.cancelled() and ended == ["cancelled"]


async def test_an_alarm_wakes_the_wait_and_otherwise_the_time_does():
    alarm = asyncio.Event()
    alarm.set()
    assert await wait_for_alarm(alarm, 5) is True
    assert await wait_for_alarm(asyncio.Event(), 0.01) is False


async def test_a_cancellation_that_lands_as_the_alarm_rings_is_kept():
    """With 3.11's asyncio.wait_for this waiter returned normally and its loop ran on."""
    alarm = asyncio.Event()
    waiting = asyncio.create_task(wait_for_alarm(alarm, 60))
    while not alarm._waiters:  # noqa: SLF001 - until the waiter waits on the alarm
        await asyncio.sleep(0)  # a turn of the loop, not a time: the waiter starts in one
    alarm.set()
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting


async def test_a_part_that_never_stops_is_left_after_the_bound():
    started = time.monotonic()
    await finish_or_leave(asyncio.Event().wait(), seconds=0.05, what="a consumer")
    assert time.monotonic() - started < 3


async def test_a_part_that_stops_is_waited_for_and_its_error_raised():
    stopped = []

    async def stop():
        await asyncio.sleep(0.01)  # a stop that takes a moment: not a wait for a condition
        stopped.append(True)

    await finish_or_leave(stop(), seconds=5, what="the producer")
    assert stopped == [True]

    async def broken():
        raise RuntimeError("the producer's connection was already closed")

    with pytest.raises(RuntimeError, match="already closed"):
        await finish_or_leave(broken(), seconds=5, what="the producer")


def test_the_platform_waits_with_timeouts_not_wait_for():
    """Every wait of the services' own, and of the tests' and benchmarks', goes through
    asyncio.timeout or shared/cancellation (this file shows the race, so it names wait_for)."""
    root = Path(__file__).resolve().parents[2]
    folders = ("services", "shared", "tools", "tests", "bench")
    using = [str(path.relative_to(root)) for folder in folders
             for path in sorted((root / folder).rglob("*.py"))
             if "asyncio.wait_for(" in path.read_text(encoding="utf-8")
             and path != Path(__file__).resolve()]
    assert using == []
