"""Which generation of the read models is being served, so a rebuild can fill a new one.

The nineteen fact collections must be swapped together: a report reads several, and must
not see rebuilt audits beside old actions. `renameCollection` (with `dropTarget`) swaps one
collection at a time and cannot be part of a transaction, so the swap is one pointer
document instead: `projection_state/active` names the generation, and changing it is one
atomic write. Generation 0 uses the plain names (`audit_facts`); generation N uses
`g{N}_audit_facts`.
"""

from __future__ import annotations

import time

from shared.store import Store

STATE = "projection_state"
ACTIVE = "active"
POINTER_TTL_SECONDS = 1.0


def physical(name: str, generation: int) -> str:
    return name if generation == 0 else f"g{generation}_{name}"


class Generations:
    """Reads the active generation, caching it briefly (a swap is seen within a second)."""

    def __init__(self, store: Store, *, ttl: float = POINTER_TTL_SECONDS) -> None:
        self.db = store.db
        self.ttl = ttl
        self._cached: tuple[int, float] | None = None

    async def active(self) -> int:
        now = time.monotonic()
        if self._cached and now - self._cached[1] < self.ttl:
            return self._cached[0]
        document = await self.db[STATE].find_one({"_id": ACTIVE})
        generation = int(document["generation"]) if document else 0
        self._cached = (generation, now)
        return generation

    async def state(self) -> dict:
        return await self.db[STATE].find_one({"_id": ACTIVE}) or {"generation": 0}

    async def begin(self) -> int:
        """Reserve the next generation number for a rebuild."""
        current = await self.state()
        nxt = max(int(current.get("generation", 0)), int(current.get("building", 0))) + 1
        await self.db[STATE].update_one({"_id": ACTIVE}, {"$set": {"building": nxt}},
                                        upsert=True)
        return nxt

    async def swap(self, generation: int, *, events: int) -> int:
        """Serve `generation` from now on; returns the one it replaced."""
        previous = int((await self.state()).get("generation", 0))
        await self.db[STATE].update_one(
            {"_id": ACTIVE},
            {"$set": {"generation": generation, "previous": previous, "events": events,
                      "swapped_at": time.time()}, "$unset": {"building": ""}},
            upsert=True)
        self._cached = None
        return previous

    async def drop(self, generation: int, names: tuple[str, ...]) -> None:
        for name in names:
            await self.db.drop_collection(physical(name, generation))
