"""The shared consumer, on FastStream's in-memory broker: decode, validate, dead-letter."""

from __future__ import annotations

import base64
import json

from faststream.kafka import KafkaBroker, TestKafkaBroker

from schemas import topics
from schemas.audit import AuditSubmitted
from shared.consumer import EventConsumer, RejectedEvent, TopicRoutes
from shared.kafka import EventPublisher
from shared.metrics import PlatformMetrics
from shared.store import StillConflicting
from tests.support.events import audit_submitted, envelope_for


def wire(handler):
    broker = KafkaBroker()
    metrics = PlatformMetrics.create()
    publisher = EventPublisher(broker, source="tests", metrics=metrics, timeout=5)
    EventConsumer(broker, publisher, metrics, group_id="g").subscribe(
        TopicRoutes(topics.AUDIT, {AuditSubmitted: handler}))
    letters: list[dict] = []

    @broker.subscriber(topics.DEADLETTER)
    async def collect(body: dict) -> None:
        letters.append(body)

    return broker, letters, metrics


async def test_undecodable_bytes_are_dead_lettered_and_the_next_event_is_handled():
    seen = []

    async def handler(data, envelope):
        seen.append(data.audit_id)

    broker, letters, metrics = wire(handler)
    event = audit_submitted()
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(b"\x00not json", topics.AUDIT, key=b"k")
        await test_broker.publish(envelope_for(event).to_bytes(), topics.AUDIT)
    assert len(letters) == 1
    assert letters[0]["error"].startswith("undecodable")
    assert base64.b64decode(letters[0]["value_b64"]) == b"\x00not json"
    assert letters[0]["original_topic"] == topics.AUDIT
    assert seen == [event.audit_id]
    assert metrics.deadletters.labels(topics.AUDIT, "undecodable")._value.get() == 1


async def test_a_payload_that_breaks_its_contract_is_dead_lettered_with_field_names_only():
    broker, letters, _ = wire(lambda *_: None)
    bad = envelope_for(audit_submitted()).model_dump(mode="json")
    bad["data"]["overall_grade"] = "superb"
    bad["data"]["case_ref"] = "TEST-SECRET-NAME"
    bad["data"]["standards"] = []
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(json.dumps(bad).encode(), topics.AUDIT)
    assert letters[0]["error"].startswith("invalid")
    assert "overall_grade" in letters[0]["error"] and "standards" in letters[0]["error"]
    assert "TEST-SECRET-NAME" not in letters[0]["error"]


async def test_a_rejected_event_is_dead_lettered_with_the_reason():
    async def handler(data, envelope):
        raise RejectedEvent("owner not in the directory")

    broker, letters, _ = wire(handler)
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(envelope_for(audit_submitted()).to_bytes(), topics.AUDIT)
    assert letters[0]["error"] == "rejected: owner not in the directory"


async def test_event_types_for_other_consumers_are_ignored():
    broker, letters, _ = wire(lambda *_: None)
    other = envelope_for(audit_submitted(), event_type="audit.something_new")
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(other.to_bytes(), topics.AUDIT)
    assert letters == []


async def test_a_transaction_that_keeps_conflicting_is_retried_not_dead_lettered():
    """A write conflict that outlasts the store's retries (a killed process's transaction
    still holding the documents) is waited out like an outage; the event is never lost to
    the dead letters (seen: an audit's actions dead-lettered after a kill -9)."""
    attempts = []

    async def handler(data, envelope):
        attempts.append(data.audit_id)
        if len(attempts) < 3:
            raise StillConflicting("the change conflicted with others; try again")

    broker, letters, metrics = wire(handler)
    event = audit_submitted()
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(envelope_for(event).to_bytes(), topics.AUDIT)
    assert attempts == [event.audit_id] * 3 and letters == []
    assert metrics.events_handled.labels(AuditSubmitted.event_type)._value.get() == 1
