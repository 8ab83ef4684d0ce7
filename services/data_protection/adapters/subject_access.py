"""Subject access requests (`subject_access_requests`) and the bundles gathered for them
(`subject_access_bundles`, one per request, replaced when gathered again). They hold the
child's case reference or the person's id in clear: the officer needs it to answer, and only
the officer's routes read these collections. When the subject is erased their bundles are
emptied (what the services held, gone with the rest); the request stays, as the record that
it was answered."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING

from shared.personal_data.blanking import ERASED
from shared.store import IndexSpec, Store, ascending

REQUESTS = "subject_access_requests"
BUNDLES = "subject_access_bundles"
INDEXES = [IndexSpec(REQUESTS, [("received_on", DESCENDING)]),
           IndexSpec(REQUESTS, ascending("progress", "due_on")),
           IndexSpec(BUNDLES, ascending("kind", "reference"))]


class SubjectAccessStore:
    def __init__(self, store: Store) -> None:
        self._requests = store.db[REQUESTS]
        self._bundles = store.db[BUNDLES]

    async def add(self, request: dict[str, Any]) -> None:
        await self._requests.insert_one(request)

    async def get(self, request_id: str) -> dict[str, Any] | None:
        return await self._requests.find_one({"_id": request_id})

    async def newest(self, limit: int = 200) -> list[dict[str, Any]]:
        return await self._requests.find().sort("received_on", DESCENDING).to_list(limit)

    async def set_progress(self, request_id: str, *, was: str, now: str,
                           at: Any) -> bool:
        """False if another step got there first (the request is no longer `was`)."""
        done = await self._requests.update_one(
            {"_id": request_id, "progress": was},
            {"$set": {"progress": now}, "$push": {"history": {"progress": now, "at": at}}})
        return done.modified_count == 1

    async def keep_bundle(self, request_id: str, bundle: dict[str, Any]) -> None:
        await self._bundles.replace_one({"_id": request_id}, {"_id": request_id, **bundle},
                                        upsert=True)

    async def bundle(self, request_id: str) -> dict[str, Any] | None:
        return await self._bundles.find_one({"_id": request_id})

    async def empty_bundles(self, kind: str, reference: str, *, erasure_id: str,
                            at: Any) -> int:
        """Empty the subject's bundles (idempotent): how many were emptied now."""
        done = await self._bundles.update_many(
            {"kind": kind, "reference": reference, "erased_by": {"$exists": False}},
            {"$set": {"reference": ERASED, "held": {}, "third_party": {}, "reviews": [],
                      "erased_by": erasure_id, "erased_at": at}})
        return done.modified_count

    async def keep_review(self, request_id: str, decision: dict[str, Any]) -> bool:
        """The decision on one item, replacing an earlier one on it; False: no bundle. A bundle
        gathered again starts its review afresh (its items may have changed)."""
        item = {"service": decision["service"], "path": decision["path"]}
        await self._bundles.update_one({"_id": request_id}, {"$pull": {"reviews": item}})
        done = await self._bundles.update_one({"_id": request_id},
                                              {"$push": {"reviews": decision}})
        return done.matched_count == 1
