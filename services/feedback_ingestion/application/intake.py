"""Every way in (HTTP, webhooks, the raw topic, files, re-submission) ends here: check, tag
themes, decide accepted / updated / duplicate, store with the events, publish, count.
A failing item is quarantined with its original content and reasons, never dropped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shared.england_time import england_day
from shared.envelope import derived_id
from shared.outbox import VersionConflict

from ..adapters.counts import tally
from ..domain.complaints import ComplaintIn
from ..domain.items import FeedbackItemIn, decide
from ..domain.sources import Invalid, parse
from ..domain.themes import tag
from .deps import Deps


Checked = FeedbackItemIn | ComplaintIn  # an item that passed its source's checks


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


def check(deps: Deps, source: str, raw: Any) -> Checked:
    """The checked item with its themes tagged, or Invalid with the reasons."""
    return tagged(deps, parse(source, raw))


def tagged(deps: Deps, item: Checked) -> Checked:
    themes = tag(item.free_texts(), deps.taxonomy, given=item.themes)
    return item.model_copy(update={"themes": themes})


async def accept(deps: Deps, item: Checked, *, correlation_id: str) -> Receipt:
    """A checked item: decide against what is stored, store with its events, publish."""
    for attempt in (1, 2):
        stored = await deps.items.get(item.item_id())
        decision = decide(item, stored=stored, now=deps.clock())
        if decision.outcome == "duplicate":
            return Receipt("duplicate", item.item_id(), decision.revision)
        events = [(fact, deps.publisher.envelope(fact, correlation_id=correlation_id))
                  for fact in decision.facts]
        try:
            published = await deps.items.save(item, revision=decision.revision,
                                               stored=stored, events=events)
        except VersionConflict:
            if attempt == 2:
                raise
            continue  # another request stored it a moment ago: decide again
        return Receipt(decision.outcome, item.item_id(), decision.revision, published)
    raise AssertionError("unreachable")


async def receive(deps: Deps, source: str, raw: Any, *, channel: str, correlation_id: str,
                  import_id: str | None = None, row: int | None = None,
                  delivery_id: str | None = None) -> Receipt:
    """Raw content from a source, checked here. `delivery_id`: the same for a redelivery of
    the same message (Kafka), so a redelivered invalid item is quarantined once and counted
    as a duplicate."""
    try:
        item = check(deps, source, raw)
    except Invalid as invalid:
        receipt = await quarantine_one(deps, source, raw, invalid.reasons, channel=channel,
                                       import_id=import_id, row=row, delivery_id=delivery_id)
    else:
        receipt = await accept(deps, item, correlation_id=correlation_id)
    await count(deps, [receipt.outcome], import_id=import_id)
    return receipt


async def receive_checked(deps: Deps, item: Checked, *, correlation_id: str) -> Receipt:
    """An item or complaint the HTTP layer has already checked against its model."""
    receipt = await accept(deps, tagged(deps, item), correlation_id=correlation_id)
    await count(deps, [receipt.outcome], import_id=None)
    return receipt


async def quarantine_one(deps: Deps, source: str, raw: Any, reasons: list[str], *,
                         channel: str, import_id: str | None, row: int | None,
                         delivery_id: str | None = None) -> Receipt:
    entry = deps.quarantine.entry(
        source=source, content=raw, reasons=reasons, channel=channel, import_id=import_id,
        row=row, now=deps.clock(),
        entry_id=derived_id("quarantine", delivery_id) if delivery_id else None)
    if not await deps.quarantine.add_once(entry):
        return Receipt("duplicate", quarantine_id=entry["_id"], reasons=reasons)
    return Receipt("quarantined", quarantine_id=entry["_id"], reasons=reasons)


async def count(deps: Deps, outcomes: list[str], *, import_id: str | None) -> None:
    await deps.counts.add(tally(outcomes), day=england_day(deps.clock()).isoformat(),
                          import_id=import_id)
