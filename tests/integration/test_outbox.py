"""State and its events are stored together, then reach the real broker, in order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from schemas import topics
from shared.kafka import BrokerUnavailable
from shared.outbox import VersionConflict
from tests.support.events import audit_submitted, envelope_for
from tests.support.factories import uid
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually


async def two_events(runtime):
    first, second = audit_submitted(), audit_submitted()
    return [(first, envelope_for(first)), (second, envelope_for(second))]


async def test_flush_publishes_a_writes_events_in_order_and_leaves_nothing_pending(runtime):
    await runtime.store.create_indexes()
    await runtime.broker.start()
    events = await two_events(runtime)
    async with TopicTail(topics.AUDIT) as tail:
        written = await runtime.outbox.insert("aggregates", {"_id": "agg-1"}, events)
        assert await runtime.outbox.flush("aggregates", "agg-1", written=written)
        ids = {str(env.event_id) for _, env in events}
        first = await tail.wait_for(lambda m: m["event_id"] in ids)
        assert first["event_id"] == str(events[0][1].event_id)
        await tail.wait_for(lambda m: m["event_id"] == str(events[1][1].event_id))
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-1"})
    assert [e["event_id"] for e in stored["outbox"]] == [str(e.event_id) for _, e in events]
    assert stored["version"] == 1  # the events stay as its history; nothing is pending
    await runtime.outbox.close()  # markers of published writes are deleted in batches
    assert await runtime.outbox.relay_once(older_than_seconds=0) == 0


async def test_an_update_flushed_without_its_handle_publishes_only_what_is_pending(runtime):
    await runtime.broker.start()
    first, second = await two_events(runtime)
    written = await runtime.outbox.insert("aggregates", {"_id": "agg-6"}, [first])
    await runtime.outbox.flush("aggregates", "agg-6", written=written)
    await runtime.outbox.update("aggregates", "agg-6", expected_version=1, changes={"n": 1},
                                events=[second])
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.flush("aggregates", "agg-6")
        seen = await tail.wait_for(lambda m: m["event_id"] in
                                   {str(first[1].event_id), str(second[1].event_id)})
    assert seen["event_id"] == str(second[1].event_id)  # the first was published already
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-6"})
    assert [e["event_id"] for e in stored["outbox"]] == [str(second[1].event_id)]  # pruned
    await runtime.outbox.close()
    assert await runtime.outbox.relay_once(older_than_seconds=0) == 0


async def test_the_relay_publishes_what_a_request_left_behind(runtime):
    await runtime.broker.start()
    events = await two_events(runtime)
    await runtime.outbox.insert("aggregates", {"_id": "agg-2"}, events)
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once(older_than_seconds=0) == 1
        await tail.wait_for(lambda m: m["event_id"] == str(events[1][1].event_id))
    assert await runtime.outbox.relay_once(older_than_seconds=0) == 0


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


async def test_an_update_keeps_the_events_of_an_earlier_write_still_pending(runtime):
    first, second = await two_events(runtime)
    await runtime.outbox.insert("aggregates", {"_id": "agg-7"}, [first])  # broker never asked
    await runtime.outbox.update("aggregates", "agg-7", expected_version=1, changes={"n": 1},
                                events=[second])
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-7"})
    assert [e["event_id"] for e in stored["outbox"]] == [str(e.event_id) for _, e in
                                                         (first, second)]
    await runtime.broker.start()
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once(older_than_seconds=0) == 2
        await tail.wait_for(lambda m: m["event_id"] == str(second[1].event_id))


async def test_a_marker_whose_write_never_happened_is_dropped_after_the_grace(runtime):
    await runtime.broker.start()
    events = await two_events(runtime)
    # As if the process died between announcing the write and making it:
    await runtime.outbox._mark("aggregates", "agg-4", events)
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once(older_than_seconds=0) == 1  # young: the write may be in flight
        assert await runtime.outbox.relay_once(older_than_seconds=0) == 1
        runtime.outbox.grace = timedelta(0)
        assert await runtime.outbox.relay_once(older_than_seconds=0) == 1  # old: dropped, nothing published
        assert await runtime.outbox.relay_once(older_than_seconds=0) == 0
        marker = uid("after")
        later = audit_submitted()
        written = await runtime.outbox.insert("aggregates", {"_id": marker}, [
            (later, envelope_for(later))])
        await runtime.outbox.flush("aggregates", marker, written=written)
        first = await tail.wait_for(lambda m: m["event_id"] in
                                    {str(e.event_id) for _, e in events} | {
                                        str(written.events[0][1].event_id)})
    assert first["event_id"] == str(written.events[0][1].event_id)


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


async def test_the_relay_leaves_a_young_marker_to_its_writer(runtime):
    """A write still in flight (marked, stored, not yet published) is not published twice."""
    await runtime.broker.start()
    events = await two_events(runtime)
    await runtime.outbox.insert("aggregates", {"_id": "agg-8"}, events)
    published = []
    runtime.outbox._publish = lambda batch: published.append(batch)  # would publish
    assert await runtime.outbox.relay_once() == 1
    assert published == []  # younger than the settle time: its writer publishes it


async def test_a_write_whose_flush_failed_here_is_relayed_without_waiting(runtime):
    await runtime.broker.start()
    events = await two_events(runtime)
    written = await runtime.outbox.insert("aggregates", {"_id": "agg-9"}, events)
    publish = runtime.publisher.publish_in_order

    async def broker_down(_events):
        raise BrokerUnavailable("as if Kafka were down")

    runtime.publisher.publish_in_order = broker_down
    assert not await runtime.outbox.flush("aggregates", "agg-9", written=written)
    runtime.publisher.publish_in_order = publish
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once() == 1  # young, but known left behind
        await tail.wait_for(lambda m: m["event_id"] == str(events[1][1].event_id))
    await runtime.outbox.close()
    assert await runtime.outbox.relay_once(older_than_seconds=0) == 0


async def test_envelopes_are_stored_as_text_and_older_nested_entries_still_relay(runtime):
    await runtime.broker.start()
    (new, new_env), (old, old_env) = await two_events(runtime)
    await runtime.outbox.insert("aggregates", {"_id": "agg-10"}, [(new, new_env)])
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-10"})
    assert stored["outbox"][0]["envelope_json"] == new_env.as_json
    # An aggregate and marker as written before envelopes were stored as text:
    await runtime.store.db["aggregates"].insert_one({"_id": "agg-11", "version": 1, "outbox": [
        {"event_id": str(old_env.event_id), "topic": old.topic,
         "envelope": old_env.model_dump(mode="json")}]})
    await runtime.store.db["outbox_pending"].insert_one({
        "_id": f"aggregates/agg-11/{old_env.event_id}", "collection": "aggregates",
        "aggregate_id": "agg-11", "marked_at": old_env.occurred_at,
        "event_ids": [str(old_env.event_id)]})
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once(older_than_seconds=0) == 2
        wanted, seen = {str(old_env.event_id), str(new_env.event_id)}, set()

        def both(message: dict) -> bool:  # the two keys may land on different partitions
            seen.update({message["event_id"]} & wanted)
            return seen == wanted

        await tail.wait_for(both)
