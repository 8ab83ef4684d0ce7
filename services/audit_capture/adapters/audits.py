"""Where audits are kept: collection `audits`, one document per audit, with its outbox."""

from __future__ import annotations

from typing import Any

from schemas.audit import AuditSubmitted, SafeguardingConcernRaised
from shared.envelope import Envelope
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

AUDITS = "audits"
INDEXES = [
    IndexSpec(AUDITS, ascending("month", "team_id")),
    IndexSpec(AUDITS, ascending("case_ref")),
    IndexSpec(AUDITS, ascending("idempotency_key"), name="idempotency_key"),
]
HIDDEN = {"outbox": 0}


class AuditRepository:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.collection = store.db[AUDITS]
        self.outbox = outbox

    async def add_submitted(
        self,
        submitted: AuditSubmitted,
        events: list[tuple[AuditSubmitted | SafeguardingConcernRaised, Envelope]],
        *,
        idempotency_key: str | None,
    ) -> bool:
        """Store the audit and its events together; True once the broker has them too."""
        document = {"_id": submitted.audit_id, "status": "submitted",
                    "idempotency_key": idempotency_key, **submitted.model_dump(mode="json")}
        await self.outbox.insert(AUDITS, document, events)
        return await self.outbox.flush(AUDITS, submitted.audit_id)

    async def get(self, audit_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": audit_id}, HIDDEN)
