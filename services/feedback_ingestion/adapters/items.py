"""Where accepted feedback items are kept: collection `items`, with their outbox."""

from __future__ import annotations

from typing import Any

from shared.envelope import Envelope
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

from ..domain.items import FeedbackItemIn

ITEMS = "items"
INDEXES = [
    IndexSpec(ITEMS, ascending("source", "source_id"), unique=True),
    IndexSpec(ITEMS, ascending("received_on")),
]
HIDDEN = {"outbox": 0}


class ItemRepository:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.collection = store.db[ITEMS]
        self.outbox = outbox

    async def get(self, item_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": item_id}, HIDDEN)

    async def save(
        self, item: FeedbackItemIn, *, revision: int, stored: dict[str, Any] | None,
        events: list[tuple[Any, Envelope]],
    ) -> bool:
        """Store the item and its events together; True once the broker has them too."""
        fields = {**item.model_dump(mode="json"), "content_hash": item.content_hash(),
                  "revision": revision}
        if stored is None:
            await self.outbox.insert(ITEMS, {"_id": item.item_id(), **fields}, events)
        else:
            await self.outbox.update(ITEMS, item.item_id(), expected_version=stored["version"],
                                     changes=fields, events=events)
        return await self.outbox.flush(ITEMS, item.item_id())
