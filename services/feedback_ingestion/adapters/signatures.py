"""Webhook signatures already received, so each signed request is accepted once (a replay
gets 409). A signature is kept until well after its timestamp stops passing the signature
check (stale), then a TTL index deletes it."""

from __future__ import annotations

from datetime import UTC, datetime

from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store, ascending

SIGNATURES = "webhook_signatures"
INDEXES = [IndexSpec(SIGNATURES, ascending("expires_at"), expire_after_seconds=0)]


class SeenSignatures:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[SIGNATURES]

    async def first_time(self, source: str, digest: str, *, signed_at: int, tolerance: int,
                         now: datetime) -> bool:
        """False if this signature was received before. From `signed_at + tolerance` on the
        check refuses it as stale anyway; the second tolerance allows for clock drift between
        the service and the store, whose clock the TTL index follows."""
        expires_at = datetime.fromtimestamp(signed_at + 2 * tolerance, UTC)
        try:
            await self.collection.insert_one({"_id": f"{source}:{digest}", "seen_at": now,
                                              "expires_at": expires_at})
        except DuplicateKeyError:
            return False
        return True
