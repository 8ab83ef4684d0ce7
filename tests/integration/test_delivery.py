"""The shared consumer on the real broker: dead letters, redelivery, idempotent effects."""

from __future__ import annotations

import base64

from pymongo.errors import AutoReconnect

from schemas import topics
from schemas.audit import AuditSubmitted
from schemas.common import Grade
from services.reporting.adapters.facts import AUDIT_FACTS, FactStore
from services.reporting.application.projections import ProjectionHandlers
from shared.consumer import TopicRoutes
from shared.kafka import ensure_topics
from tests.support.events import audit_submitted, envelope_for
from tests.support.factories import uid
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually


async def start_on_fresh_topic(runtime, handler) -> str:
    topic = uid("itest.topic")
    await ensure_topics(runtime.settings, (topic,))
    runtime.consumer.subscribe(TopicRoutes(topic, {AuditSubmitted: handler}))
    await runtime.broker.start()
    return topic


def handled(runtime, event_type="audit.submitted") -> float:
    return runtime.metrics.events_handled.labels(event_type)._value.get()


async def test_a_malformed_message_is_dead_lettered_and_the_consumer_goes_on(runtime):
    seen: list[str] = []

    async def handler(data, envelope):
        seen.append(data.audit_id)

    topic = await start_on_fresh_topic(runtime, handler)
    event = audit_submitted()
    async with TopicTail(topics.DEADLETTER) as tail:
        await runtime.broker.publish(b"{not json", topic, key=b"k-1")
        await runtime.broker.publish(envelope_for(event).to_bytes(), topic)
        letter = await tail.wait_for(lambda m: m["original_topic"] == topic)
    assert base64.b64decode(letter["value_b64"]) == b"{not json"
    assert base64.b64decode(letter["key_b64"]) == b"k-1"
    assert letter["offset"] >= 0 and letter["consumer_group"] == runtime.settings.consumer_group
    await eventually(lambda: _async(seen == [event.audit_id]), what="valid event handled")


async def test_a_store_outage_is_retried_and_the_offset_committed_only_after(runtime):
    calls: list[int] = []

    async def flaky(data, envelope):
        calls.append(1)
        if len(calls) < 3:
            raise AutoReconnect("store briefly unreachable")

    runtime.consumer.retry_seconds = 0  # hand the message straight back to Kafka
    topic = await start_on_fresh_topic(runtime, flaky)
    await runtime.broker.publish(envelope_for(audit_submitted()).to_bytes(), topic)
    await eventually(lambda: _async(handled(runtime) == 1), what="handled after retries")
    assert len(calls) == 3


async def test_the_same_event_delivered_twice_changes_nothing(runtime):
    facts = FactStore(runtime.store)
    projections = ProjectionHandlers(facts)
    topic = await start_on_fresh_topic(runtime, projections.apply)
    event = audit_submitted()
    envelope = envelope_for(event)
    for _ in range(2):
        await runtime.broker.publish(envelope.to_bytes(), topic)
    await eventually(lambda: _async(handled(runtime) == 2), what="both deliveries handled")
    assert await facts.count(AUDIT_FACTS, {"month": event.month}) == 1
    older = envelope_for(event.model_copy(update={"overall_grade": Grade.INADEQUATE}),
                         occurred_at=envelope.occurred_at.replace(year=2000))
    await runtime.broker.publish(older.to_bytes(), topic)
    await eventually(lambda: _async(handled(runtime) == 3), what="stale event handled")
    stored = await runtime.store.db[AUDIT_FACTS].find_one({"_id": event.audit_id})
    assert stored["overall_grade"] == event.overall_grade.value


async def _async(value):
    return value
