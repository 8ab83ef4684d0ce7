"""An event too large for Kafka: a write holding one is refused before anything is stored;
one that reaches the outbox all the same (a topic set lower than the platform's limit) is
set aside by the relay with its reason, and the events after it are published. Before this
the relay took the broker's refusal for an outage and retried it for ever, holding back
every later event."""

from __future__ import annotations

from datetime import timedelta

import pytest

from schemas import topics
from shared.envelope import MAX_EVENT_BYTES, EventTooLarge, utc_now
from shared.outbox import OUTBOX, entries
from shared.outbox_relay import REFUSED, Written
from tests.support.events import audit_submitted, envelope_for
from tests.support.factories import uid
from tests.support.kafka import TopicTail

LONG_TEXT = "Fictional suggestion. " * 60_000  # about 1.3 MB: more than Kafka's 1 MiB


def event_with(aggregate_id: str, text: str = ""):
    event = audit_submitted(auditor_suggestions=text) if text else audit_submitted()
    return event, envelope_for(event, subject=aggregate_id)


async def test_a_write_holding_an_event_over_the_limit_stores_nothing(runtime):
    aggregate_id = uid("agg")
    with pytest.raises(EventTooLarge, match=rf"audit.submitted event would be .* {MAX_EVENT_BYTES:,}"):
        await runtime.outbox.insert("aggregates", {"_id": aggregate_id},
                                    [event_with(aggregate_id, LONG_TEXT)])
    assert await runtime.store.db["aggregates"].find_one({"_id": aggregate_id}) is None
    assert await runtime.store.db[OUTBOX].count_documents(
        {"aggregate": f"aggregates/{aggregate_id}"}) == 0


async def test_the_relay_sets_aside_what_the_broker_refuses_and_publishes_the_rest(runtime):
    await runtime.store.create_indexes()
    await runtime.broker.start()
    big_id, small_id = uid("agg"), uid("agg")
    big, small = event_with(big_id, LONG_TEXT), event_with(small_id)
    # Stored as a crashed writer leaves them, the too-large one first (past the write check).
    held = [*entries(Written(f"aggregates/{big_id}", ((topics.AUDIT, big[1]),))),
            *entries(Written(f"aggregates/{small_id}", ((topics.AUDIT, small[1]),)))]
    for n, entry in enumerate(held):
        entry["written_at"] = utc_now() - timedelta(seconds=60 - n)
    await runtime.store.db[OUTBOX].insert_many(held)
    refused_before = runtime.metrics.outbox_refused.labels("audit.submitted")._value.get()
    async with TopicTail(topics.AUDIT) as tail:
        await runtime.outbox.relay_once(older_than_seconds=0)
        await tail.wait_for(lambda message: message["event_id"] == str(small[1].event_id))
    assert await runtime.store.db[OUTBOX].count_documents(
        {"_id": {"$in": [e["_id"] for e in held]}}) == 0
    set_aside = await runtime.store.db[REFUSED].find_one({"_id": str(big[1].event_id)})
    assert set_aside is not None and "too large" in set_aside["reason"]
    assert set_aside["envelope"]["event_type"] == "audit.submitted"  # kept whole, with why
    assert runtime.metrics.outbox_refused.labels("audit.submitted")._value.get() \
        == refused_before + 1
    assert await runtime.outbox.relay_once(older_than_seconds=0) == 0  # nothing left to retry
