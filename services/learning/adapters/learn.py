"""The Learn stage's collections, each written with its events through the outbox:
`results` (an audit's results delivered, id the audit, with the worker's reflection and the
moderation outcome), `supervisions` (reflective supervision sessions) and
`evidence_signoffs` (a manager's sign-off of one piece of a person's CPD evidence) and
`good_practice` (each moderation's acknowledgement of good practice, once)."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING

from shared.aggregates import Aggregates
from schemas.learn import GoodPracticeAcknowledged
from shared.outbox import Outbox
from shared.envelope import derived_id
from shared.store import IndexSpec, Store, ascending

RESULTS = "results"
SUPERVISIONS = "supervisions"
EVIDENCE_SIGNOFFS = "evidence_signoffs"
GOOD_PRACTICE = "good_practice"
INDEXES = [IndexSpec(RESULTS, ascending("social_worker_id", "delivered_at")),
           IndexSpec(RESULTS, ascending("line_manager_id", "delivered_at")),
           IndexSpec(RESULTS, ascending("auditor_ids", "delivered_at")),
           IndexSpec(SUPERVISIONS, ascending("supervisee_id", "held_on")),
           IndexSpec(SUPERVISIONS, ascending("supervisor_id", "held_on")),
           IndexSpec(EVIDENCE_SIGNOFFS, ascending("person_id", "_id")),
           IndexSpec(RESULTS, ascending("team_id", "month")),
           IndexSpec(GOOD_PRACTICE, ascending("acknowledged_at"))]
NEWEST = [("delivered_at", DESCENDING)]


class Results(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, RESULTS)

    async def of_worker(self, person_id: str) -> list[dict[str, Any]]:
        return await self._find({"social_worker_id": person_id}, sort=NEWEST, limit=1000)

    async def copied_to(self, manager_id: str) -> list[dict[str, Any]]:
        return await self._find({"line_manager_id": manager_id}, sort=NEWEST, limit=1000)

    async def audited_by(self, person_id: str) -> list[dict[str, Any]]:
        return await self._find({"auditor_ids": person_id}, sort=NEWEST, limit=1000)

    async def of_teams(self, team_ids: list[str], *, from_month: str,
                       to_month: str) -> list[dict[str, Any]]:
        """The teams' audit results of these months (inclusive): an L&D item's before and
        after."""
        return await self._find({"team_id": {"$in": team_ids},
                                 "month": {"$gte": from_month, "$lte": to_month}},
                                sort="month", limit=5000)

    async def moderated(self, audit_id: str, outcome: dict[str, Any]) -> bool:
        """The moderation outcome beside the results (a redelivery sets the same); False if
        the results are not here."""
        found = await self._collection.update_one({"_id": audit_id},
                                                  {"$set": {"moderation": outcome}})
        return found.matched_count == 1


class Supervisions(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, SUPERVISIONS)

    async def of_person(self, person_id: str) -> list[dict[str, Any]]:
        """Sessions where they were supervised or supervised (two indexed reads)."""
        found = {s["_id"]: s for s in
                 [*await self._find({"supervisee_id": person_id}, sort="held_on"),
                  *await self._find({"supervisor_id": person_id}, sort="held_on")]}
        return sorted(found.values(), key=lambda s: (s["held_on"], s["_id"]))


class EvidenceSignoffs(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, EVIDENCE_SIGNOFFS)

    async def of_person(self, person_id: str) -> list[dict[str, Any]]:
        return await self._find({"person_id": person_id}, limit=5000)


class GoodPractice(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, GOOD_PRACTICE)

    async def newest(self, limit: int = 20) -> list[dict[str, Any]]:
        return await self._find({}, sort=[("acknowledged_at", DESCENDING)], limit=limit)

    async def acknowledge_once(self, acknowledged: GoodPracticeAcknowledged, *,
                               correlation_id: str) -> bool:
        """Store it with its event, then publish; a redelivery publishes what an earlier
        attempt left and adds nothing. The event's id is derived from the acknowledgement's,
        so every instance that meets the moderation publishes the same event. True if new."""
        envelope = self.outbox.publisher.envelope(
            acknowledged, correlation_id=correlation_id,
            event_id=derived_id("event", acknowledged.event_type,
                                acknowledged.acknowledgement_id))
        document = {"_id": acknowledged.acknowledgement_id,
                    **acknowledged.model_dump(mode="json")}
        created = await self.outbox.upsert_once(GOOD_PRACTICE, document,
                                                [(acknowledged, envelope)])
        await self.outbox.flush(GOOD_PRACTICE, acknowledged.acknowledgement_id)
        return created is not None
