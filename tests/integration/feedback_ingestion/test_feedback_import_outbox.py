"""A file import's chunk commits its new items and their outbox entries in one transaction,
publishes them, then deletes the entries; what the broker did not acknowledge, or a crash
left unpublished, the shared outbox relay publishes: nothing is lost."""

from __future__ import annotations

import pytest
from pymongo.errors import PyMongoError

from schemas import topics
from shared.kafka import BrokerUnavailable
from services.feedback_ingestion.adapters.items import ITEMS, NewItems
from services.feedback_ingestion.domain.items import FeedbackItemIn, decide
from shared.envelope import utc_now
from shared.outbox import OUTBOX, Written, entries
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality")


def compliments(count: int) -> list[FeedbackItemIn]:
    return [FeedbackItemIn(source="compliment", source_id=uid("cm"), received_on="2026-11-03",
                           text="Synthetic thanks") for _ in range(count)]


def with_events(deps, items: list[FeedbackItemIn]) -> NewItems:
    new = NewItems()
    for item in items:
        new.add(item, [(f, deps.publisher.envelope(f, correlation_id=uid("corr")))
                       for f in decide(item, stored=None, now=utc_now()).facts])
    return new


async def outbox_of(deps, item_ids) -> list[dict]:
    cursor = deps.items.store.db[OUTBOX].find(
        {"aggregate": {"$in": [f"{ITEMS}/{i}" for i in item_ids]}})
    return await cursor.to_list(None)


async def seen_on_the_topic(tail: TopicTail, source_ids: set[str]) -> None:
    seen: set[str] = set()

    def all_of_them(event: dict) -> bool:
        seen.add(event["data"].get("source_id"))
        return source_ids <= seen
    await tail.wait_for(all_of_them)


async def test_an_import_leaves_nothing_in_the_outbox(feedback):
    ids = [uid("cm") for _ in range(3)]
    content = "Compliment ID,Date,Compliment\n" + "".join(
        f"{i},04/11/2026,Synthetic thanks\n" for i in ids)
    report = (await feedback.post("/feedback/imports", data={"source": "compliment"},
                                  files={"file": ("c.csv", content.encode())},
                                  headers=HOQ)).json()
    assert report["counts"]["accepted"] == 3
    assert await outbox_of(feedback.app.state.deps,
                           [r["item_id"] for r in report["rows"]]) == []


async def test_a_chunk_the_broker_did_not_acknowledge_is_published_by_the_relay(
        feedback, monkeypatch):
    deps = feedback.app.state.deps
    runtime = feedback.app.state.runtime

    async def not_acknowledged(events) -> bool:
        return False  # as if Kafka were down for the chunk

    async def broker_down(events) -> None:  # and for the relay, which tries at once
        raise BrokerUnavailable("as if Kafka were down")
    monkeypatch.setattr(runtime.publisher, "publish_many", not_acknowledged)
    monkeypatch.setattr(runtime.publisher, "publish_in_order", broker_down)
    ids = [uid("cm") for _ in range(3)]
    content = "Compliment ID,Date,Compliment\n" + "".join(
        f"{i},04/11/2026,Synthetic thanks\n" for i in ids)
    async with TopicTail(topics.FEEDBACK) as tail:
        report = (await feedback.post("/feedback/imports", data={"source": "compliment"},
                                      files={"file": ("c.csv", content.encode())},
                                      headers=HOQ)).json()
        assert [r["outcome"] for r in report["rows"]] == ["accepted"] * 3
        item_ids = [r["item_id"] for r in report["rows"]]
        held = await outbox_of(deps, item_ids)
        assert sorted(e["envelope"]["data"]["source_id"] for e in held) == sorted(ids)
        monkeypatch.undo()
        await runtime.outbox.relay_once(older_than_seconds=0)
        await seen_on_the_topic(tail, set(ids))
    assert await outbox_of(deps, item_ids) == []


async def test_a_chunks_items_and_entries_commit_together_and_the_relay_publishes_them(
        feedback):
    deps = feedback.app.state.deps
    runtime = feedback.app.state.runtime
    items = compliments(3)
    new = with_events(deps, items)
    item_ids = [item.item_id() for item in items]
    # An entry already holding the third item's event id: the chunk's entries cannot all be
    # inserted, so its transaction fails, and its items must not be stored either.
    clash = Written(f"{ITEMS}/{uid('other')}", new.writes[item_ids[2]].events)
    await runtime.store.db[OUTBOX].insert_many(entries(clash))
    with pytest.raises(PyMongoError):
        await deps.items.insert_new(new)
    assert await runtime.store.db[ITEMS].count_documents({"_id": {"$in": item_ids}}) == 0
    assert await outbox_of(deps, item_ids) == []
    await runtime.store.db[OUTBOX].delete_many({"aggregate": clash.aggregate})

    writes, known = await deps.items.insert_new(new)  # then the process dies: no publish
    assert known == {} and [w.aggregate for w in writes] == [f"{ITEMS}/{i}" for i in item_ids]
    assert await runtime.store.db[ITEMS].count_documents({"_id": {"$in": item_ids}}) == 3
    assert len(await outbox_of(deps, item_ids)) == 3
    again, known = await deps.items.insert_new(new)  # the same chunk again: all stored
    assert again == [] and set(known) == set(item_ids)
    async with TopicTail(topics.FEEDBACK) as tail:
        assert await runtime.outbox.relay_once(older_than_seconds=0) >= 3
        await seen_on_the_topic(tail, {item.source_id for item in items})
    assert await outbox_of(deps, item_ids) == []
