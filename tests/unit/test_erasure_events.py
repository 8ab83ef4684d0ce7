"""Every service forgets an erased subject's keys from its cache when the erasure's event
arrives: each one's subscriptions list has the shared subscription, reporting's batches read
qa.privacy, and the batch reader finds the key ids of erasures and of nothing else."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from schemas import topics
from schemas.privacy import SubjectErased
from services.action_tracking.entrypoints import subscriptions as action_tracking
from services.audit_capture.entrypoints import subscriptions as audit_capture
from services.data_protection.entrypoints import subscriptions as data_protection
from services.feedback_ingestion.entrypoints import subscriptions as feedback_ingestion
from services.learning.entrypoints import subscriptions as learning
from services.reporting.application.projections import ProjectionHandlers
from services.reporting.entrypoints.subscriptions import subscribe
from shared.personal_data.erasure_events import erased_key_ids, forget_erased_in_batch

FEEDBACK_DEPS = SimpleNamespace(settings=SimpleNamespace(consume_raw_topic=True))
LISTS = {
    "audit_capture": lambda: audit_capture.subscriptions(personal=None),
    "action_tracking": lambda: action_tracking.subscriptions(None, personal=None),
    "feedback_ingestion": lambda: feedback_ingestion.subscriptions(FEEDBACK_DEPS, personal=None),
    "learning": lambda: learning.subscriptions(None, personal=None),
    "data_protection": lambda: data_protection.subscriptions(None, personal=None),
}


@pytest.mark.parametrize("service", sorted(LISTS))
def test_every_service_subscribes_to_erasures(service):
    routes = [r for r in LISTS[service]() if r.topic == topics.PRIVACY]
    assert any(SubjectErased.event_type in r.by_type() for r in routes)


def test_reporting_reads_erasures_in_its_batches():
    consumer = SimpleNamespace(topics=None)

    def subscribe_batches(topics_read, handler, **_):
        consumer.topics = topics_read
    consumer.subscribe_batches = subscribe_batches
    subscribe(consumer, ProjectionHandlers(store=None))  # type: ignore[arg-type]
    assert topics.PRIVACY in consumer.topics and topics.AUDIT in consumer.topics


def record(topic: str, event_type: str, data: dict) -> SimpleNamespace:
    value = json.dumps({"event_type": event_type, "data": data}).encode()
    return SimpleNamespace(topic=topic, value=value)


ERASED = {"erasure_id": "e-1", "subject_kind": "child", "subject_pseudonym": "p",
          "key_ids": ["k1", "k2"], "erased_at": "2026-12-01T10:00:00Z"}


def test_the_batch_reader_finds_erasures_key_ids_and_nothing_else():
    batch = [record(topics.AUDIT, "audit.submitted", {"key_ids": ["not-mine"]}),
             record(topics.PRIVACY, "legal_hold.set", {"key_ids": ["not-an-erasure"]}),
             record(topics.PRIVACY, SubjectErased.event_type, ERASED),
             SimpleNamespace(topic=topics.PRIVACY, value=b"not json")]
    assert erased_key_ids(batch) == ["k1", "k2"]

    forgotten: list[str] = []
    personal = SimpleNamespace(keyring=SimpleNamespace(forget=forgotten.extend))
    assert forget_erased_in_batch(personal, batch) == 2  # type: ignore[arg-type]
    assert forgotten == ["k1", "k2"]
