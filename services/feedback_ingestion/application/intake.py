"""Every way in (HTTP, webhooks, the raw topic, files, re-submission) ends here: check, tag
themes, decide accepted / updated / duplicate, store with the events, publish, count.
A failing item is quarantined with its original content and reasons, never dropped."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from shared.envelope import derived_id, utc_now
from shared.kafka import EventPublisher
from shared.outbox import VersionConflict

from ..adapters.counts import CountRepository, tally
from ..adapters.items import ItemRepository
from ..adapters.quarantine import QuarantineRepository
from ..domain.items import decide
from ..domain.sources import Invalid, parse
from ..domain.themes import tag


@dataclass
class Receipt:
    outcome: str  # accepted | updated | duplicate | quarantined
    item_id: str | None = None
    revision: int | None = None
    published: bool = True
    quarantine_id: str | None = None
    reasons: list[str] = field(default_factory=list)

    def public(self) -> dict[str, Any]:
        body = {"outcome": self.outcome, "item_id": self.item_id, "revision": self.revision,
                "published": self.published}
        if self.outcome == "quarantined":
            body |= {"quarantine_id": self.quarantine_id, "reasons": self.reasons}
        return body


@dataclass
class Intake:
    items: ItemRepository
    quarantine: QuarantineRepository
    counts: CountRepository
    publisher: EventPublisher
    taxonomy: Mapping[str, list[str]]
    clock: Callable[[], datetime] = utc_now

    def check(self, source: str, raw: Any) -> Any:
        """The checked item with its themes tagged, or Invalid with the reasons."""
        item = parse(source, raw)
        return self.tagged(item)

    def tagged(self, item: Any) -> Any:
        themes = tag(item.free_texts(), self.taxonomy, given=item.themes)
        return item.model_copy(update={"themes": themes})

    async def accept(self, item: Any, *, correlation_id: str) -> Receipt:
        """A checked item: decide against what is stored, store with its events, publish."""
        for attempt in (1, 2):
            stored = await self.items.get(item.item_id())
            decision = decide(item, stored=stored, now=self.clock())
            if decision.outcome == "duplicate":
                return Receipt("duplicate", item.item_id(), decision.revision)
            events = [(fact, self.publisher.envelope(fact, correlation_id=correlation_id))
                      for fact in decision.facts]
            try:
                published = await self.items.save(item, revision=decision.revision,
                                                   stored=stored, events=events)
            except VersionConflict:
                if attempt == 2:
                    raise
                continue  # another request stored it a moment ago: decide again
            return Receipt(decision.outcome, item.item_id(), decision.revision, published)
        raise AssertionError("unreachable")

    async def receive(self, source: str, raw: Any, *, channel: str, correlation_id: str,
                      import_id: str | None = None, row: int | None = None,
                      delivery_id: str | None = None) -> Receipt:
        """`delivery_id`: the same for a redelivery of the same message (Kafka), so a
        redelivered invalid item is quarantined once and counted as a duplicate."""
        try:
            item = self.check(source, raw)
        except Invalid as invalid:
            receipt = await self.quarantine_one(source, raw, invalid.reasons, channel=channel,
                                                import_id=import_id, row=row,
                                                delivery_id=delivery_id)
        else:
            receipt = await self.accept(item, correlation_id=correlation_id)
        await self.count([receipt.outcome], import_id=import_id)
        return receipt

    async def accept_counted(self, item: Any, *, correlation_id: str) -> Receipt:
        receipt = await self.accept(self.tagged(item), correlation_id=correlation_id)
        await self.count([receipt.outcome], import_id=None)
        return receipt

    async def quarantine_one(self, source: str, raw: Any, reasons: list[str], *, channel: str,
                             import_id: str | None, row: int | None,
                             delivery_id: str | None = None) -> Receipt:
        entry = self.quarantine.entry(
            source=source, content=raw, reasons=reasons, channel=channel, import_id=import_id,
            row=row, now=self.clock(),
            entry_id=derived_id("quarantine", delivery_id) if delivery_id else None)
        if not await self.quarantine.add_once(entry):
            return Receipt("duplicate", quarantine_id=entry["_id"], reasons=reasons)
        return Receipt("quarantined", quarantine_id=entry["_id"], reasons=reasons)

    async def count(self, outcomes: list[str], *, import_id: str | None) -> None:
        await self.counts.add(tally(outcomes), day=self.clock().date().isoformat(),
                              import_id=import_id)
