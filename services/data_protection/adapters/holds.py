"""Legal holds (`legal_holds`): one document per hold, set and lifted through the outbox;
never deleted (this class has no method that could)."""

from __future__ import annotations

from typing import Any

from shared.aggregates import Aggregates
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

LEGAL_HOLDS = "legal_holds"
INDEXES = [IndexSpec(LEGAL_HOLDS, ascending("subject", "lifted_at")),
           IndexSpec(LEGAL_HOLDS, ascending("lifted_at", "set_at"))]


class LegalHolds(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, LEGAL_HOLDS)

    async def in_force(self) -> list[dict[str, Any]]:
        return await self._find({"lifted_at": None}, sort="set_at", limit=10_000)

    async def naming(self, subject: str) -> list[dict[str, Any]]:
        """The holds in force on this subject ("child:<case ref>", "staff:<id>")."""
        return await self._find({"subject": subject, "lifted_at": None}, sort="set_at")

    async def listed(self) -> list[dict[str, Any]]:
        """All, newest first: those lifted stay on the list."""
        return await self._find({}, sort=[("set_at", -1)], limit=2_000)
