"""Where audits are kept: collection `audits`, one document per audit from allocation to
sign-off, with its outbox."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from schemas.audit import AuditSubmitted
from schemas.base import EventData
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

from shared.aggregates import Aggregates

AUDITS = "audits"
INDEXES = [
    IndexSpec(AUDITS, ascending("month", "team_id")),
    IndexSpec(AUDITS, ascending("case_ref")),
    IndexSpec(AUDITS, ascending("auditor_ids")),
    IndexSpec(AUDITS, ascending("idempotency_key"), name="idempotency_key"),
    # GET /audits?status=...: equality, then the list's order (`_id`, capped at 500).
    IndexSpec(AUDITS, ascending("status", "_id")),
    # A social worker's home page: the audits of their cases whose results are shared.
    IndexSpec(AUDITS, ascending("social_worker_id", "status")),
]


class AuditRepository(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, AUDITS)

    async def add_submitted(self, submitted: AuditSubmitted, facts: Sequence[EventData], *,
                            idempotency_key: str | None, correlation_id: str) -> bool:
        """Store the audit and its events together; True once the broker has them too."""
        document = {"_id": submitted.audit_id, "status": "submitted",
                    "idempotency_key": idempotency_key, **submitted.model_dump(mode="json")}
        written = await self.outbox.insert(AUDITS, document,
                                           self._envelopes(facts, correlation_id))
        return await self.outbox.publish(written)

    async def matching(self, *, month: str | None = None, auditor_id: str | None = None,
                       status: str | None = None) -> list[dict[str, Any]]:
        """GET /audits: by month, auditor and status, any of them (the first 500 by id)."""
        query: dict[str, Any] = {}
        if month:
            query["month"] = month
        if auditor_id:
            query["auditor_ids"] = auditor_id
        if status:
            query["status"] = status
        return await self._find(query)

    async def allocated_to(self, auditor_id: str) -> list[dict[str, Any]]:
        """An auditor's audits, the nearest deadline first."""
        return await self._find({"auditor_ids": auditor_id}, sort="deadline")

    async def moderated(self, month: str | None = None) -> list[dict[str, Any]]:
        """Audits with a moderation, of one month or all."""
        query: dict[str, Any] = {"moderation": {"$exists": True}}
        if month:
            query["month"] = month
        return await self._find(query, limit=5000)

    async def recently_audited(self, case_refs: list[str], *, first: str, last: str) -> set[str]:
        cursor = self._collection.find(
            {"case_ref": {"$in": case_refs}, "month": {"$gte": first, "$lte": last}},
            {"case_ref": 1})
        return {d["case_ref"] async for d in cursor}

    async def allocated_auditors(self, month: str) -> set[str]:
        cursor = self._collection.find({"month": month, "allocation_id": {"$ne": None}},
                                       {"auditor_ids": 1})
        return {a for d in await cursor.to_list(None) for a in d.get("auditor_ids", [])}

    async def of_month(self, month: str, *, status: str | None = None) -> list[dict[str, Any]]:
        query = {"month": month} | ({"status": status} if status else {})
        cursor = self._collection.find(query).sort("_id")
        return await cursor.to_list(None)

    async def of_worker(self, worker_id: str, *, statuses: Sequence[str]) -> list[dict[str, Any]]:
        """The audits of a social worker's cases in these statuses, the latest month first."""
        cursor = self._collection.find(
            {"social_worker_id": worker_id, "status": {"$in": list(statuses)}}).sort(
            "month", -1).limit(500)
        return await cursor.to_list(None)
