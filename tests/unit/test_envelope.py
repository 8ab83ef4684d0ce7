from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from shared.envelope import MAX_EVENT_BYTES, Envelope, EventTooLarge, derived_id, within_size

BASE = dict(event_id="6f1e4c9e-8c63-4a54-9d43-6e2d3f7b8a10", event_type="audit.submitted",
            source="audit_capture", subject="audit-1", correlation_id="c-1", data={})


def test_derived_ids_are_stable_and_distinct():
    assert derived_id("action", "audit", "a-1", "k1") == derived_id("action", "audit", "a-1", "k1")
    assert derived_id("action", "audit", "a-1", "k1") != derived_id("action", "audit", "a-1", "k2")


def test_occurred_at_is_kept_in_utc():
    local = datetime(2026, 6, 1, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    envelope = Envelope(**BASE, occurred_at=local)
    assert envelope.occurred_at.utcoffset() == timedelta(0)
    assert envelope.occurred_at.hour == 9


def test_a_time_without_zone_is_refused():
    with pytest.raises(ValidationError, match="occurred_at"):
        Envelope(**BASE, occurred_at=datetime(2026, 6, 1, 10, 0))


def test_the_subject_is_the_kafka_key_and_unknown_fields_are_ignored():
    envelope = Envelope.model_validate_json(Envelope(
        **BASE, occurred_at=datetime.now(timezone.utc)).model_dump_json()[:-1] + ',"new":1}')
    assert envelope.key() == b"audit-1"


def test_an_event_over_the_limit_is_refused_saying_its_size_and_the_limit():
    at = datetime(2026, 6, 1, 10, 0, tzinfo=timezone.utc)
    fits = Envelope(**BASE | {"data": {"text": "x" * (MAX_EVENT_BYTES - 400)}}, occurred_at=at)
    assert within_size(fits) is fits
    over = Envelope(**BASE | {"data": {"text": "x" * MAX_EVENT_BYTES}}, occurred_at=at)
    with pytest.raises(EventTooLarge) as refused:
        within_size(over)
    assert f"{len(over.to_bytes()):,} bytes" in str(refused.value)
    assert f"{MAX_EVENT_BYTES:,}" in str(refused.value) and "audit.submitted" in str(refused.value)
