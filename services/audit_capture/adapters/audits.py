"""Where audits are kept: collection `audits`, one document per audit from allocation to
sign-off, with its outbox."""

from __future__ import annotations

from typing import Any

from schemas.audit import AuditSubmitted, SafeguardingConcernRaised
from shared.envelope import Envelope
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

from .aggregates import Aggregates

AUDITS = "audits"
INDEXES = [
    IndexSpec(AUDITS, ascending("month", "team_id")),
    IndexSpec(AUDITS, ascending("case_ref")),
    IndexSpec(AUDITS, ascending("auditor_ids")),
    IndexSpec(AUDITS, ascending("idempotency_key"), name="idempotency_key"),
    # GET /audits?status=...: equality, then the list's order (`_id`, capped at 500).
    IndexSpec(AUDITS, ascending("status", "_id")),
]


class AuditRepository(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, AUDITS)

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
        written = await self.outbox.insert(AUDITS, document, events)
        return await self.outbox.publish(written)

    async def recently_audited(self, case_refs: list[str], *, first: str, last: str) -> set[str]:
        cursor = self.collection.find(
            {"case_ref": {"$in": case_refs}, "month": {"$gte": first, "$lte": last}},
            {"case_ref": 1})
        return {d["case_ref"] async for d in cursor}

    async def allocated_auditors(self, month: str) -> set[str]:
        cursor = self.collection.find({"month": month, "allocation_id": {"$ne": None}},
                                      {"auditor_ids": 1})
        return {a for d in await cursor.to_list(None) for a in d.get("auditor_ids", [])}

    async def of_month(self, month: str, **query: Any) -> list[dict[str, Any]]:
        cursor = self.collection.find({"month": month, **query}).sort("_id")
        return await cursor.to_list(None)
