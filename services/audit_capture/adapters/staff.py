"""The directory's people (collection `staff`), with who manages whom held in memory.

Every audit submission and conference checklist names the social worker's line manager,
so reading it from the store made one of a submission's three store calls. The directory
is small (hundreds of people), so the whole mapping is read at once and kept: re-read
after this instance changes a person, and at least every `refresh_seconds` for changes
made through another instance.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from shared.outbox import Outbox
from shared.store import Store

from shared.aggregates import Aggregates

STAFF = "staff"


class Staff(Aggregates):
    def __init__(self, store: Store, outbox: Outbox, *, refresh_seconds: float = 30.0) -> None:
        super().__init__(store, outbox, STAFF)
        self.refresh_seconds = refresh_seconds
        self._managers: dict[str, str | None] = {}
        self._read_at: float | None = None
        self._generation = 0  # moves on with every change this instance makes
        self._reading = asyncio.Lock()

    async def create(self, *args: Any, **kwargs: Any) -> bool:
        try:
            return await super().create(*args, **kwargs)
        finally:
            self._forget()

    async def change(self, *args: Any, **kwargs: Any) -> bool:
        try:
            return await super().change(*args, **kwargs)
        finally:
            self._forget()

    async def ids(self) -> set[str]:
        return await self._ids()

    async def listed(self, *, team_id: str | None = None,
                     audit_group: int | None = None) -> list[dict[str, Any]]:
        """Everyone, or those of one team or audit group (or both)."""
        query = {k: v for k, v in {"team_id": team_id, "audit_group": audit_group}.items() if v}
        return await self._find(query, limit=10_000)

    async def names(self) -> list[dict[str, Any]]:
        """Everyone's display name, for pages (names instead of ids)."""
        return await self._collection.find({}, {"display_name": 1}).to_list(None)

    async def in_audit_group(self, group: int) -> list[dict[str, Any]]:
        return await self._find({"audit_group": group})

    async def audit_groups_of(self, person_ids: list[str]) -> dict[str, int | None]:
        """Each of these people's audit group (None for none); the unknown are left out."""
        people = await self._find({"_id": {"$in": person_ids}})
        return {p["_id"]: p.get("audit_group") for p in people}

    async def line_manager_of(self, person_id: str) -> str | None:
        if self._stale():
            await self._read()
        return self._managers.get(person_id)

    def _forget(self) -> None:
        self._generation += 1
        self._read_at = None

    def _stale(self) -> bool:
        return (self._read_at is None
                or time.monotonic() - self._read_at > self.refresh_seconds)

    async def _read(self) -> None:
        async with self._reading:  # one read for all the requests that found it stale
            if not self._stale():
                return
            generation, started = self._generation, time.monotonic()
            people = await self._collection.find({}, {"line_manager_id": 1}).to_list(None)
            self._managers = {p["_id"]: p.get("line_manager_id") for p in people}
            if generation == self._generation:  # else a change came meanwhile: read again
                self._read_at = started
