"""Many rows at once, for file imports: where the speed is.

Per chunk: check every row (failures to quarantine, in one insert); Safety Link statements
first, one by one, so they are published at once, ahead of the chunk. Then the rest, taken
as new, in ONE transaction: the ids already stored are looked up, the others inserted with
one outbox entry per event (the shared transactional outbox). Their events are handed to
the producer all at once and acknowledged together (acks=all, idempotent producer), then
their outbox entries deleted; if the broker does not acknowledge, the entries stay and the
outbox relay publishes them. Items already stored are then decided: the same content is a
duplicate, changed content an update, stored and published one by one.

A pipeline keeps the store, the broker and this process busy at once: a chunk is checked
(`prepare`, which lets the event loop run every few rows) while the one before it is stored
(`store`, one chunk at a time and in file order, so a later row always wins), and its events
are still being acknowledged while the next chunk is stored. Before any one-by-one write (a
Safety Link statement, an update, an id seen earlier in the file) the earlier chunks'
publishing is awaited, so an item's events reach Kafka in the order they were stored.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..adapters.items import NewItems
from ..domain.items import decide
from ..domain.rows import row_key
from ..domain.sources import Invalid
from .deps import Deps
from .intake import Receipt, accept, check, count

# (row number, the raw item or Invalid if the row could not be mapped, the file's own row)
Row = tuple[int, Any, dict[str, Any] | None]
YIELD_EVERY = 50  # rows checked between turns of the event loop (for the chunk being stored)
PUBLISHING = 2  # chunks whose events may await the broker's acknowledgement at once


async def yield_every(count: int) -> None:
    if count % YIELD_EVERY == 0:
        await asyncio.sleep(0)


@dataclass
class Prepared:
    """A chunk after its checks, its events built: nothing stored yet."""

    receipts: dict[int, Receipt] = field(default_factory=dict)
    bad: list[dict[str, Any]] = field(default_factory=list)  # quarantine entries
    urgent: list[tuple[int, Any]] = field(default_factory=list)  # Safety Link statements
    taken: dict[str, tuple[int, Any]] = field(default_factory=dict)  # new: id → row, item
    new: NewItems = field(default_factory=NewItems)
    later: list[tuple[int, Any]] = field(default_factory=list)  # the same id again


class ChunkPipeline:
    """One import's chunks: `prepare` each, then `store` them one at a time in file order;
    `published` once all are stored, to await the broker's last acknowledgements."""

    def __init__(self, deps: Deps, source: str, *, channel: str, correlation_id: str,
                 import_id: str | None) -> None:
        self.deps = deps
        self.source = source
        self.channel = channel
        self.correlation_id = correlation_id
        self.import_id = import_id
        self.publishing: list[asyncio.Task[None]] = []

    async def prepare(self, rows: Sequence[Row]) -> Prepared:
        deps, chunk = self.deps, Prepared()
        checked = []
        for n, (number, raw, original) in enumerate(rows, start=1):
            await yield_every(n)
            try:
                if isinstance(raw, Invalid):
                    raise raw
                checked.append((number, check(deps, self.source, raw)))
            except Invalid as invalid:
                content = raw if original is None else original
                shape = "item" if original is None else "row"
                chunk.bad.append(deps.quarantine.entry(
                    source=self.source, content=content, shape=shape, reasons=invalid.reasons,
                    channel=self.channel, import_id=self.import_id, row=number,
                    now=deps.clock(), row_key=row_key(self.source, shape, content)))
                chunk.receipts[number] = Receipt("quarantined",
                                                 quarantine_id=chunk.bad[-1]["_id"],
                                                 reasons=invalid.reasons)
        for n, (number, item) in enumerate(checked, start=1):
            await yield_every(n)
            if getattr(item, "safety_link", False):
                chunk.urgent.append((number, item))  # before anything else in the chunk
            elif item.item_id() in chunk.taken:
                chunk.later.append((number, item))  # the same id twice: after the first
            else:
                facts = decide(item, stored=None, now=deps.clock()).facts
                chunk.taken[item.item_id()] = (number, item)
                chunk.new.add(item, [(f, deps.publisher.envelope(
                    f, correlation_id=self.correlation_id)) for f in facts])
        return chunk

    async def store(self, chunk: Prepared) -> list[tuple[int, Receipt]]:
        """Everything but awaiting the new items' acknowledgement; the chunk's receipts."""
        deps, receipts = self.deps, chunk.receipts
        kept = await deps.quarantine.add_rows(chunk.bad)  # a row seen before: its open entry
        for receipt in receipts.values():
            if receipt.quarantine_id in kept:
                receipt.quarantine_id = kept[receipt.quarantine_id]
        if chunk.urgent:
            await self.published()
        for number, item in chunk.urgent:
            receipts[number] = await accept(deps, item, correlation_id=self.correlation_id)
        writes, known = await deps.items.insert_new(chunk.new)
        later = list(chunk.later)
        for key, stored in known.items():
            number, item = chunk.taken[key]
            if stored["content_hash"] == chunk.new.documents[key]["content_hash"]:
                receipts[number] = Receipt("duplicate", key, stored["revision"])
            else:
                later.append((number, item))  # an update: decided and stored one by one
        accepted = []
        for key in chunk.taken.keys() - known.keys():
            number, _ = chunk.taken[key]
            receipts[number] = Receipt("accepted", key, 1)
            accepted.append(receipts[number])
        await self._publish(writes, accepted)
        if later:
            await self.published()
        for number, item in sorted(later, key=lambda pair: pair[0]):
            receipts[number] = await accept(deps, item, correlation_id=self.correlation_id)
        await count(deps, [r.outcome for r in receipts.values()], import_id=self.import_id)
        return sorted(receipts.items())

    async def _publish(self, writes: list, accepted: list[Receipt]) -> None:
        if not writes:
            return

        async def publish() -> None:
            published = await self.deps.items.publish_new(writes)
            for receipt in accepted:
                receipt.published = published

        while len(self.publishing) >= PUBLISHING:
            await self.publishing.pop(0)
        self.publishing.append(asyncio.create_task(publish()))

    async def published(self) -> None:
        """Every chunk's events so far acknowledged by the broker (or left to the relay)."""
        while self.publishing:
            await self.publishing.pop(0)

    async def close(self) -> None:
        """After a failure: let the publishing already started finish, quietly."""
        await asyncio.gather(*self.publishing, return_exceptions=True)
        self.publishing.clear()
