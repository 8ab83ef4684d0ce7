"""Turning events into facts, driven by domain.facts: one batch of Kafka records at a time
(the live projector), or one validated event (`apply`, the same rule)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from opentelemetry.trace import Span

from schemas.base import EventData
from shared import tracing
from shared.consumer import BatchOutcome
from shared.envelope import Envelope
from shared.personal_data.envelopes import PersonalData

from ..adapters.decoding import Pending, decode_live
from ..adapters.facts import FactStore
from ..domain.facts import FACT_FUNCTIONS

CHUNK = 5000  # records decoded while the chunk before them is written
YIELD_EVERY = 100  # records decoded between turns of the event loop


def projected_by_topic() -> dict[str, frozenset[str]]:
    """The event types reporting projects, by the topic they travel on."""
    found: dict[str, set[str]] = {}
    for model in FACT_FUNCTIONS:
        found.setdefault(model.topic, set()).add(model.event_type)
    return {topic: frozenset(types) for topic, types in found.items()}


class ProjectionHandlers:
    def __init__(self, store: FactStore,
                 projected: Mapping[str, frozenset[str]] | None = None, *,
                 personal: PersonalData | None = None) -> None:
        self.store = store
        self.personal = personal
        self.projected = dict(projected) if projected is not None else projected_by_topic()

    async def apply_batch(self, records: Sequence[Any]) -> BatchOutcome:
        """Every record's facts, stored before this returns (the consumer then commits the
        batch's offsets). A record that breaks its contract is handed back as rejected,
        with the shared consumer's reason, and sets nothing.

        The batch is applied in chunks, in order: while one chunk's facts are being
        written, the next is decoded (yielding to the event loop now and then, so the
        write's round trips are not kept waiting). Only decoding overlaps a write: a chunk
        reads the stored facts once the chunk before it is written."""
        outcome = BatchOutcome()
        writing: asyncio.Task | None = None
        spans: list[Span] = []  # one per projected record when traced, ended once stored
        try:
            for start in range(0, len(records), CHUNK):
                pending = await self._decode(records[start:start + CHUNK], outcome, spans)
                if writing is not None:
                    await writing
                writing = asyncio.create_task(self.store.apply_all(pending)) if pending \
                    else None
            if writing is not None:
                await writing
        except BaseException as error:
            if writing is not None:  # the batch failed: stop its write (it is redone whole)
                writing.cancel()
                await asyncio.gather(writing, return_exceptions=True)
            for span in spans:
                span.record_exception(error)
            raise
        finally:
            for span in spans:
                span.end()
        return outcome

    async def _decode(self, records: Sequence[Any], outcome: BatchOutcome,
                      spans: list[Span]) -> list[Pending]:
        pending: list[Pending] = []
        traced = tracing.is_on()
        values = [record.value or b"" for record in records]
        if self.personal is not None:  # personal data opened (or read as erased) first
            values = await self.personal.open_raw(values)
        for n, (record, value) in enumerate(zip(records, values), 1):
            decoded = decode_live(value, self.projected.get(record.topic, frozenset()))
            if decoded.reason is not None:
                outcome.rejected.append((record, decoded.reason, decoded.error))
            elif decoded.event_type is None:
                outcome.ignored[record.topic] = outcome.ignored.get(record.topic, 0) + 1
            else:
                pending += decoded.facts or ()
                if traced and (span := tracing.consuming(record, decoded.event_type, "")):
                    spans.append(span)
                outcome.handled[decoded.event_type] = outcome.handled.get(
                    decoded.event_type, 0) + 1
            if n % YIELD_EVERY == 0:
                await asyncio.sleep(0)
        return pending

    async def apply(self, event: EventData, envelope: Envelope) -> None:
        """One validated event (the shared one-at-a-time consumer's handler signature)."""
        await self.store.apply_all([(fact.collection, fact.fact_id, fact.fields,
                                     envelope.occurred_at)
                                    for fact in FACT_FUNCTIONS[type(event)](event)])
