"""Turning events into facts, driven by domain.facts: one batch of Kafka records at a time
(the live projector), or one validated event (`apply`, the same rule)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from schemas.base import EventData
from shared.consumer import BatchOutcome
from shared.envelope import Envelope

from ..adapters.decoding import Pending, decode_live
from ..adapters.facts import FactStore
from ..domain.facts import FACT_FUNCTIONS


def projected_by_topic() -> dict[str, frozenset[str]]:
    """The event types reporting projects, by the topic they travel on."""
    found: dict[str, set[str]] = {}
    for model in FACT_FUNCTIONS:
        found.setdefault(model.topic, set()).add(model.event_type)
    return {topic: frozenset(types) for topic, types in found.items()}


class ProjectionHandlers:
    def __init__(self, store: FactStore,
                 projected: Mapping[str, frozenset[str]] | None = None) -> None:
        self.store = store
        self.projected = dict(projected) if projected is not None else projected_by_topic()

    async def apply_batch(self, records: Sequence[Any]) -> BatchOutcome:
        """Every record's facts, stored in one go (`FactStore.apply_all`) before this returns
        (the consumer then commits the batch's offsets). A record that breaks its contract is
        handed back as rejected, with the shared consumer's reason, and sets nothing."""
        outcome = BatchOutcome()
        pending: list[Pending] = []
        for record in records:
            decoded = decode_live(record.value or b"", self.projected.get(record.topic,
                                                                          frozenset()))
            if decoded.reason is not None:
                outcome.rejected.append((record, decoded.reason, decoded.error))
            elif decoded.event_type is None:
                outcome.ignored[record.topic] = outcome.ignored.get(record.topic, 0) + 1
            else:
                pending += decoded.facts or ()
                outcome.handled[decoded.event_type] = outcome.handled.get(
                    decoded.event_type, 0) + 1
        if pending:
            await self.store.apply_all(pending)
        return outcome

    async def apply(self, event: EventData, envelope: Envelope) -> None:
        """One validated event (the shared one-at-a-time consumer's handler signature)."""
        await self.store.apply_all([(fact.collection, fact.fact_id, fact.fields,
                                     envelope.occurred_at)
                                    for fact in FACT_FUNCTIONS[type(event)](event)])

    def __getattr__(self, name: str) -> Any:
        # Older call sites name a handler per event (on_audit_submitted): all are `apply`.
        if name.startswith("on_"):
            return self.apply
        raise AttributeError(name)
