"""An event keeps the trace context it was written in through the outbox, so a relay that
publishes it later continues the same trace; the context never enters the message's JSON."""

from __future__ import annotations

import pytest

from shared.outbox import entries, written
from shared.outbox_relay import as_events
from tests.support.events import audit_submitted, envelope_for

pytestmark = pytest.mark.unit
CONTEXT = {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}


def test_the_context_travels_beside_the_envelope_not_in_it():
    event = audit_submitted()
    envelope = envelope_for(event).continuing(CONTEXT)
    [entry] = entries(written("audits", event.audit_id, [(event, envelope)]))
    assert entry["trace"] == CONTEXT and "trace" not in entry["envelope"]
    assert "traceparent" not in envelope.as_json
    [(_, relayed)] = as_events([entry])
    assert relayed.written_in == CONTEXT and relayed == envelope


def test_an_untraced_event_stores_no_context():
    event = audit_submitted()
    [entry] = entries(written("audits", event.audit_id, [(event, envelope_for(event))]))
    assert "trace" not in entry
    [(_, relayed)] = as_events([entry])
    assert relayed.written_in == {}
