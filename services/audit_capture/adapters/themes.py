"""Themes with their questions (collection `themes`, no events), and the themed audits
recorded against them (collection `themed_audits`, with their outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.outbox import Outbox
from shared.store import Store

from shared.aggregates import Aggregates

THEMES, THEMED_AUDITS = "themes", "themed_audits"


class Themes(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, THEMES)

    async def define(self, theme_id: str, fields: dict[str, Any]) -> None:
        """Create the theme or replace these fields of it."""
        await self._collection.update_one({"_id": theme_id}, {"$set": fields}, upsert=True)

    async def retire(self, theme_id: str, *, by: str, at: datetime) -> bool:
        """Retired: kept with its themed audits, no longer offered. False if unknown."""
        result = await self._collection.update_one(
            {"_id": theme_id}, {"$set": {"retired_at": at, "retired_by": by}})
        return result.matched_count == 1

    async def reinstate(self, theme_id: str) -> bool:
        result = await self._collection.update_one(
            {"_id": theme_id}, {"$unset": {"retired_at": "", "retired_by": ""}})
        return result.matched_count == 1

    async def listed(self) -> list[dict[str, Any]]:
        return await self._find({})

    async def by_title(self) -> list[dict[str, Any]]:
        return await self._find({}, sort="title")


class ThemedAudits(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, THEMED_AUDITS)
