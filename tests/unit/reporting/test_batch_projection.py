"""The live projector's rules without a store: how a batch's events settle on a stored fact
(exactly as one by one), and how each message is judged (as the shared consumer would)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from services.reporting.adapters.batch import settle
from services.reporting.adapters.decoding import decode_live, instant
from shared.envelope import Envelope, derived_id
from tests.support.reporting_scenario import month_of_events

pytestmark = pytest.mark.unit
T0 = datetime(2031, 3, 1, 10, 0, 0, 123456, tzinfo=UTC)
AUDIT_TYPES = frozenset({"audit.submitted"})


def one_by_one(stored, events):
    """The reference: the live rule applied to one event at a time."""
    document = dict(stored) if stored else None
    for fields, as_of in events:
        as_of = instant(as_of)
        if document is None:
            document = {"_id": "f", **fields, "as_of": as_of}
        elif document.get("as_of") is None or document["as_of"] <= as_of:
            document.update(fields, as_of=as_of)
    return document


@pytest.mark.parametrize("stored_at", [None, -10, 0, 1, 2, 10])
def test_a_batch_settles_on_a_fact_as_applying_its_events_one_by_one_would(stored_at):
    stored = None if stored_at is None else {
        "_id": "f", "status": "stored", "owner": "o-0", "team": "t-0",
        "as_of": instant(T0 + timedelta(seconds=stored_at))}
    events = [({"status": "open", "owner": "o-1", "team": "t-1"}, T0),
              ({"status": "done"}, T0 + timedelta(seconds=2)),
              ({"status": "stale", "owner": "o-2"}, T0 + timedelta(seconds=1)),  # older
              ({"owner": "o-3"}, T0 + timedelta(seconds=2))]  # as new: applies
    expected = one_by_one(stored, events)
    settled = settle("f", stored, events)
    assert (settled if settled is not None else stored) == expected


def test_events_already_applied_change_nothing():
    events = [({"status": "open"}, T0), ({"status": "done"}, T0 + timedelta(seconds=1))]
    stored = settle("f", None, events)
    assert settle("f", stored, events) is None  # redelivery: nothing to write
    assert settle("f", stored, events[:1]) is None  # an older event: nothing to write


def test_dates_compare_as_the_store_keeps_them():
    stored = settle("f", None, [({"n": 1}, T0)])
    assert stored["as_of"] == T0.replace(microsecond=123000)  # BSON dates hold milliseconds
    assert settle("f", stored, [({"n": 1}, T0)]) is None


def envelope_bytes(event, **changes) -> bytes:
    body = json.loads(Envelope(
        event_id=derived_id("t", event.event_type), event_type=event.event_type, source="t",
        occurred_at=T0, subject=event.subject(), correlation_id="c",
        data=event.model_dump(mode="json")).to_bytes())
    body.update(changes)
    return json.dumps(body).encode()


def test_messages_are_judged_as_the_shared_consumer_judges_them():
    audit = next(e for e in month_of_events("2031-03", "team-a", "theme")
                 if e.event_type == "audit.submitted")
    good = decode_live(envelope_bytes(audit), AUDIT_TYPES)
    assert good.event_type == "audit.submitted" and good.facts
    assert good.facts[0][3] == instant(T0)

    assert decode_live(envelope_bytes(audit, event_type="audit.later"), AUDIT_TYPES).ignored
    assert decode_live(envelope_bytes(audit), frozenset()).ignored  # not on this topic

    broken = decode_live(b"{not json", AUDIT_TYPES)
    assert broken.reason == "undecodable" and broken.facts is None
    no_time = json.loads(envelope_bytes(audit))
    del no_time["occurred_at"]
    assert decode_live(json.dumps(no_time).encode(), AUDIT_TYPES).reason == "undecodable"

    bad = json.loads(envelope_bytes(audit))
    bad["data"]["overall_grade"] = "superb"
    bad["data"]["case_ref"] = "TEST-SECRET-REF"
    invalid = decode_live(json.dumps(bad).encode(), AUDIT_TYPES)
    assert invalid.reason == "invalid" and "overall_grade" in invalid.error
    assert "TEST-SECRET-REF" not in invalid.error and "superb" not in invalid.error
