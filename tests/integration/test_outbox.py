"""State and its events are committed in one transaction, then reach the real broker, in
order; whatever a write leaves behind, the relay publishes."""

from __future__ import annotations

import asyncio

import pytest
from pymongo.errors import PyMongoError

from schemas import topics
from shared.kafka import BrokerUnavailable
from shared.outbox import OUTBOX, VersionConflict
from tests.support.events import audit_submitted, envelope_for
from tests.support.factories import uid
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually


def events_of(aggregate_id: str, count: int = 2):
    """Events of one aggregate: one key, so one partition keeps their order."""
    made = [audit_submitted() for _ in range(count)]
    return [(event, envelope_for(event, subject=aggregate_id)) for event in made]


def ids(events) -> list[str]:
    return [str(envelope.event_id) for _, envelope in events]


async def entries_of(runtime, aggregate_id: str) -> list[str]:
    stored = runtime.store.db[OUTBOX].find({"aggregate": f"aggregates/{aggregate_id}"})
    return [e["_id"] async for e in stored]


async def seen_in_order(tail: TopicTail, wanted: list[str]) -> list[str]:
    seen: list[str] = []

    def all_seen(message: dict) -> bool:
        if message["event_id"] in wanted and message["event_id"] not in seen:
            seen.append(message["event_id"])
        return len(seen) == len(wanted)

    await tail.wait_for(all_seen)
    return seen


def broker_down(runtime):
    async def refuse(_events):
        raise BrokerUnavailable("as if Kafka were down")

    runtime.publisher.publish_in_order = refuse


async def test_flush_publishes_a_writes_events_in_order_and_deletes_their_entries(runtime):
    await runtime.store.create_indexes()
    await runtime.broker.start()
    events = events_of("agg-1")
    async with TopicTail(topics.AUDIT) as tail:
        written = await runtime.outbox.insert("aggregates", {"_id": "agg-1"}, events)
        assert await entries_of(runtime, "agg-1") == ids(events)  # committed with the state
        assert await runtime.outbox.publish(written)
        assert await seen_in_order(tail, ids(events)) == ids(events)
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-1"})
    assert stored["version"] == 1 and "outbox" not in stored
    assert await entries_of(runtime, "agg-1") == []
    assert await runtime.outbox.relay_once(older_than_seconds=0) == 0


async def test_an_update_publishes_the_aggregates_earlier_pending_events_first(runtime):
    await runtime.broker.start()
    first, second = events_of("agg-6")
    publish = runtime.publisher.publish_in_order
    broker_down(runtime)
    written = await runtime.outbox.insert("aggregates", {"_id": "agg-6"}, [first])
    assert not await runtime.outbox.publish(written)
    runtime.publisher.publish_in_order = publish
    await runtime.outbox.update("aggregates", "agg-6", expected_version=1, changes={"n": 1},
                                events=[second])
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.flush("aggregates", "agg-6")
        assert await seen_in_order(tail, ids([first, second])) == ids([first, second])
    assert await entries_of(runtime, "agg-6") == []


async def test_the_relay_publishes_what_a_request_left_behind(runtime):
    await runtime.broker.start()
    events = events_of("agg-2")
    await runtime.outbox.insert("aggregates", {"_id": "agg-2"}, events)  # never flushed
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once(older_than_seconds=0) == 2
        assert await seen_in_order(tail, ids(events)) == ids(events)
    assert await runtime.outbox.relay_once(older_than_seconds=0) == 0


async def test_the_running_relay_is_woken_by_the_change_stream_not_by_polling(runtime):
    """An hour between polls: only the change stream on the outbox can wake the relay."""
    await runtime.broker.start()
    runtime.outbox.settle = runtime.outbox.settle * 0  # overdue at once
    relay = asyncio.create_task(runtime.outbox.run_relay(3600))
    try:
        async def watching():
            return runtime.outbox.watching

        async def entries_deleted():
            return await entries_of(runtime, aggregate) == []

        await eventually(watching, timeout=10, what="change stream open")
        aggregate = uid("agg")
        events = events_of(aggregate)
        async with TopicTail(topics.AUDIT) as tail:
            await runtime.outbox.insert("aggregates", {"_id": aggregate}, events)  # not flushed
            assert await seen_in_order(tail, ids(events)) == ids(events)
        await eventually(entries_deleted, timeout=10, what="entries deleted")
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)


async def test_state_and_events_commit_together_or_not_at_all(runtime):
    events = events_of("agg-12", 1)
    await runtime.outbox.insert("aggregates", {"_id": "agg-12"}, events)
    # The same event id again, for another aggregate: its outbox entry cannot be stored, so
    # the aggregate is not stored either.
    with pytest.raises(PyMongoError):
        await runtime.outbox.insert("aggregates", {"_id": "agg-13"}, events)
    assert await runtime.store.db["aggregates"].find_one({"_id": "agg-13"}) is None


async def test_a_stale_version_is_a_conflict_and_changes_nothing(runtime):
    await runtime.outbox.insert("aggregates", {"_id": "agg-3", "status": "a"}, [])
    await runtime.outbox.update("aggregates", "agg-3", expected_version=1,
                                changes={"status": "b"}, events=[])
    with pytest.raises(VersionConflict):
        await runtime.outbox.update("aggregates", "agg-3", expected_version=1,
                                    changes={"status": "c"}, events=events_of("agg-3", 1))
    with pytest.raises(VersionConflict):
        await runtime.outbox.insert("aggregates", {"_id": "agg-3"}, [])
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-3"})
    assert (stored["status"], stored["version"]) == ("b", 2)
    assert await entries_of(runtime, "agg-3") == []  # the refused write held no events


async def test_of_concurrent_writers_from_one_version_exactly_one_wins(runtime):
    await runtime.outbox.insert("aggregates", {"_id": "agg-5", "n": 0}, [])

    async def write(n):
        try:
            await runtime.outbox.update("aggregates", "agg-5", expected_version=1,
                                        changes={"n": n}, events=events_of("agg-5", 1))
            return True
        except VersionConflict:
            return False

    results = await asyncio.gather(*(write(n) for n in range(8)))
    assert results.count(True) == 1
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-5"})
    assert stored["version"] == 2 and stored["n"] == results.index(True)
    assert len(await entries_of(runtime, "agg-5")) == 1  # only the winner's event


async def test_an_event_derived_twice_is_stored_once(runtime):
    events = events_of("agg-14", 1)
    assert await runtime.outbox.upsert_once("aggregates", {"_id": "agg-14"}, events)
    assert await runtime.outbox.upsert_once("aggregates", {"_id": "agg-14"}, events) is None
    assert await entries_of(runtime, "agg-14") == ids(events)


async def test_the_relay_leaves_a_young_entry_to_its_writer(runtime):
    """A write still in flight (committed, not yet published) is not published twice."""
    await runtime.broker.start()
    await runtime.outbox.insert("aggregates", {"_id": "agg-8"}, events_of("agg-8"))
    published = []

    async def record(batch):
        published.append(batch)

    runtime.publisher.publish_in_order = record
    assert await runtime.outbox.relay_once() == 2
    assert published == []  # younger than the settle time: its writer publishes it


async def test_a_write_whose_flush_failed_here_is_relayed_without_waiting(runtime):
    await runtime.broker.start()
    events = events_of("agg-9")
    written = await runtime.outbox.insert("aggregates", {"_id": "agg-9"}, events)
    publish = runtime.publisher.publish_in_order
    broker_down(runtime)
    assert not await runtime.outbox.publish(written)
    runtime.publisher.publish_in_order = publish
    async with TopicTail(topics.AUDIT) as tail:
        assert await runtime.outbox.relay_once() == 2  # young, but known left behind
        assert await seen_in_order(tail, ids(events)) == ids(events)
    assert await runtime.outbox.relay_once(older_than_seconds=0) == 0


async def test_concurrent_writes_commit_together_and_a_refused_one_fails_alone(runtime):
    """Group commit: of twenty concurrent inserts, one reuses an existing id. It alone gets
    VersionConflict; the other nineteen are stored with their events."""
    await runtime.outbox.insert("aggregates", {"_id": "agg-taken"}, [])
    names = [uid("agg") for _ in range(19)]

    async def insert(name):
        try:
            await runtime.outbox.insert("aggregates", {"_id": name}, events_of(name, 1))
            return name
        except VersionConflict:
            return None

    results = await asyncio.gather(*(insert(n) for n in [*names[:10], "agg-taken", *names[10:]]))
    assert sorted(r for r in results if r) == sorted(names)
    assert results[10] is None
    for name in names:
        assert len(await entries_of(runtime, name)) == 1
    assert await entries_of(runtime, "agg-taken") == []


async def test_a_write_run_again_after_its_commit_landed_is_not_a_conflict_with_itself(runtime):
    """kill -9 of the store after it committed but before it answered: the same write runs
    again (the restarted store no longer knows the transaction) and finds itself stored.
    That is a success; another write's stale version or id still conflicts."""
    insert_events, update_events = events_of("agg-15", 1), events_of("agg-15", 1)
    await runtime.outbox.insert("aggregates", {"_id": "agg-15", "n": 0}, insert_events)
    await runtime.outbox.insert("aggregates", {"_id": "agg-15", "n": 0}, insert_events)
    await runtime.outbox.update("aggregates", "agg-15", expected_version=1, changes={"n": 1},
                                events=update_events)
    await runtime.outbox.update("aggregates", "agg-15", expected_version=1, changes={"n": 1},
                                events=update_events)
    stored = await runtime.store.db["aggregates"].find_one({"_id": "agg-15"})
    assert (stored["n"], stored["version"]) == (1, 2)
    assert await entries_of(runtime, "agg-15") == ids(insert_events + update_events)
    with pytest.raises(VersionConflict):
        await runtime.outbox.insert("aggregates", {"_id": "agg-15"}, events_of("agg-15", 1))
    with pytest.raises(VersionConflict):
        await runtime.outbox.update("aggregates", "agg-15", expected_version=1,
                                    changes={"n": 2}, events=events_of("agg-15", 1))
