"""Every event reporting consumes, in one place: the topics of the event types in
`FACT_FUNCTIONS`, read in batches by one consumer in reporting's group. Each batch's facts are
stored together before its offsets are committed; other event types are counted as ignored,
and records that break their contract are dead-lettered by the shared consumer.

Erasures (qa.privacy) ride in the same batches: their keys are forgotten before the batch is
opened, so nothing projected after an erasure opens with a key it destroyed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from schemas import topics
from shared.consumer import BatchOutcome, EventConsumer
from shared.personal_data.erasure_events import forget_erased_in_batch

from ..application.projections import ProjectionHandlers

MAX_RECORDS = 20_000  # events per batch under load; a quiet topic's event goes at once
BATCH_TIMEOUT_MS = 10  # how long an empty poll waits (FastStream then pauses as long again)


def subscribe(consumer: EventConsumer, projections: ProjectionHandlers) -> None:
    async def project(records: Sequence[Any]) -> BatchOutcome:
        if projections.personal is not None:
            forget_erased_in_batch(projections.personal, records)
        return await projections.apply_batch(records)

    consumer.subscribe_batches(sorted({*projections.projected, topics.PRIVACY}), project,
                               max_records=MAX_RECORDS, batch_timeout_ms=BATCH_TIMEOUT_MS)
