"""State and its events are stored together, then reach the real broker, in order."""

from __future__ import annotations

import pytest

from schemas import topics
from shared.outbox import VersionConflict, pending
from tests.support.events import audit_submitted, envelope_for
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually


async def two_events(runtime):
    first, second = audit_submitted(), audit_submitted()
    return [(first, envelope_for(first)), (second, envelope_for(second))]


async def test_flush_publishes_pending_events_in_order_and_empties_the_outbox(runtime):
    await runtime.store.create_indexes()
    await runtime.broker.start()
    events = await two_events(runtime)
    async with TopicTail(topics.AUDIT) as tail:
        await runtime.outbox.insert("aggregates", {"_id": "agg-1"}, events)
        await runtime.outbox.flush("aggregates", "agg-1")
        ids = {str(env.event_id) for _, env in events}
        first = await tail.wait_for(lambda m: m["event_id"] in ids)
        assert first["event_id"] == str(events[0][1].event_id)
        await tail.wait_for(lambda m: m["event_id"] == str(events[1][1].event_id))
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-1"})
    assert stored["outbox"] == [] and stored["version"] == 1


async def test_the_relay_publishes_what_a_request_left_behind(runtime):
    await runtime.broker.start()
    events = await two_events(runtime)
    await runtime.outbox.insert("aggregates", {"_id": "agg-2"}, events)
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once() == 1
        await tail.wait_for(lambda m: m["event_id"] == str(events[1][1].event_id))
    assert await runtime.outbox.relay_once() == 0


async def test_a_stale_version_is_a_conflict_and_changes_nothing(runtime):
    await runtime.outbox.insert("aggregates", {"_id": "agg-3", "status": "a"}, [])
    await runtime.outbox.update("aggregates", "agg-3", expected_version=1,
                                changes={"status": "b"}, events=[])
    with pytest.raises(VersionConflict):
        await runtime.outbox.update("aggregates", "agg-3", expected_version=1,
                                    changes={"status": "c"}, events=[])
    with pytest.raises(VersionConflict):
        await runtime.outbox.insert("aggregates", {"_id": "agg-3"}, [])
    stored = await eventually(lambda: runtime.store.db["aggregates"].find_one({"_id": "agg-3"}))
    assert (stored["status"], stored["version"]) == ("b", 2)


async def test_an_outbox_left_without_its_marker_is_found_at_start_up(runtime):
    await runtime.broker.start()
    events = await two_events(runtime)
    await runtime.store.db["aggregates"].insert_one(  # as if a crash came between the writes
        {"_id": "agg-4", "version": 1, "outbox": pending(events)})
    assert await runtime.outbox.relay_once() == 0
    assert await runtime.outbox.recover_unmarked() == 1
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once() == 1
        await tail.wait_for(lambda m: m["event_id"] == str(events[1][1].event_id))
    assert await runtime.outbox.relay_once() == 0


async def test_of_concurrent_writers_from_one_version_exactly_one_wins(runtime):
    import asyncio

    await runtime.outbox.insert("aggregates", {"_id": "agg-5", "n": 0}, [])

    async def write(n):
        try:
            await runtime.outbox.update("aggregates", "agg-5", expected_version=1,
                                        changes={"n": n}, events=[])
            return True
        except VersionConflict:
            return False

    results = await asyncio.gather(*(write(n) for n in range(8)))
    assert results.count(True) == 1
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-5"})
    assert stored["version"] == 2 and stored["n"] == results.index(True)
