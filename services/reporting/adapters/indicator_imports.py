"""Imported locality indicators: one document per import holding its events (an outbox),
then published, like the head of quality's sign-off."""

from __future__ import annotations

import uuid
from typing import Any

from schemas.performance import LocalityIndicatorRecorded
from shared.envelope import utc_now
from shared.kafka import EventPublisher
from shared.outbox import Outbox

from ..domain.indicator_import import IndicatorRow

INDICATOR_IMPORTS = "indicator_import_commands"


class IndicatorImports:
    def __init__(self, outbox: Outbox, publisher: EventPublisher) -> None:
        self.outbox = outbox
        self.publisher = publisher

    async def record(self, rows: list[IndicatorRow], *, by: str,
                     correlation_id: str | None = None) -> dict[str, Any]:
        """Store every row's event with the import in one write, then publish them."""
        import_id, now = str(uuid.uuid4()), utc_now()
        correlation_id = correlation_id or import_id
        events = []
        for row in rows:
            event = LocalityIndicatorRecorded(**row.model_dump(), import_id=import_id,
                                              imported_by=by, imported_at=now)
            events.append((event, self.publisher.envelope(event, correlation_id=correlation_id)))
        await self.outbox.insert(INDICATOR_IMPORTS, {
            "_id": import_id, "imported_by": by, "imported_at": now, "rows": len(rows)}, events)
        published = await self.outbox.flush(INDICATOR_IMPORTS, import_id)
        return {"import_id": import_id, "rows": len(rows), "published": published}
