"""Every event reporting consumes, in one place: the topics of the event types in
`FACT_FUNCTIONS`, read in batches by one consumer in reporting's group. Each batch's facts are
stored together before its offsets are committed; other event types are counted as ignored,
and records that break their contract are dead-lettered by the shared consumer."""

from __future__ import annotations

from shared.consumer import EventConsumer

from ..application.projections import ProjectionHandlers

MAX_RECORDS = 20_000  # events per batch under load; a quiet topic's event goes at once
BATCH_TIMEOUT_MS = 10  # how long an empty poll waits (FastStream then pauses as long again)


def subscribe(consumer: EventConsumer, projections: ProjectionHandlers) -> None:
    consumer.subscribe_batches(sorted(projections.projected), projections.apply_batch,
                               max_records=MAX_RECORDS, batch_timeout_ms=BATCH_TIMEOUT_MS)
