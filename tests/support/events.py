"""Building valid envelopes for tests, the way a producer would."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from schemas.audit import AuditSubmitted
from services.audit_capture.domain.audits import SubmitAudit, submit_audit
from shared.envelope import Envelope

from .factories import audit_command


def audit_submitted(**overrides) -> AuditSubmitted:
    submitted, _ = submit_audit(SubmitAudit(**audit_command(**overrides)),
                                audit_id=str(uuid.uuid4()), submitted_by="auditor-test",
                                now=datetime.now(UTC))
    return submitted


def envelope_for(data, **overrides) -> Envelope:
    fields = dict(event_id=uuid.uuid4(), event_type=data.event_type, source="tests",
                  occurred_at=datetime.now(UTC), subject=data.subject(),
                  correlation_id=str(uuid.uuid4()), data=data.model_dump(mode="json"))
    return Envelope(**(fields | overrides))
