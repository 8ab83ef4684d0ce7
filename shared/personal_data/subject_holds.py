"""Which legal holds cover a subject's records in one service: what an erasure asks first.

A hold by team, date range or kind of record names no one, yet it covers every record it
matches, a child's too: an inquiry's order to keep a team's records must stop that team's
children being erased as surely as it stops retention. Each service answers from the same
declarations and the same pure rule (retention.hold_covers) as its retention sweep, so the
two can never disagree about what a hold covers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from .retention import DATE_FIELDS, Hold, hold_covers
from .retention_schedule import RetentionSchedule
from .retention_sweep import RetainedCollection, as_stored, record_facts


async def holds_on_subject(database: AsyncDatabase, declared: Sequence[RetainedCollection], *,
                           schedule: RetentionSchedule, holds: Sequence[Hold], kind: str,
                           reference: str,
                           physical: Callable[[str], Awaitable[str]] | None = None,
                           ) -> dict[str, int]:
    """hold id -> how many of the subject's records here it covers (holds covering none
    are left out). A record's date is the one its kind's rule counts from."""
    covered: dict[str, int] = {}
    for retained in declared:
        fields = retained.subject_fields.get(kind, ())
        if not fields:
            continue
        rule = schedule.rule_for(retained.kind)
        counts_from = rule.counts_from if rule else DATE_FIELDS[retained.kind][0]
        date_field = retained.date_fields.get(counts_from, counts_from)
        stored = retained.stored_as.get(kind, str)(reference)
        name = await physical(retained.collection) if physical else retained.collection
        query: dict[str, Any] = {**retained.query, "$or": [{f: stored} for f in fields]}
        async for document in database[name].find(query):
            facts = record_facts(retained, document, date_field)
            for hold in as_stored(holds, retained):
                if hold_covers(hold, facts):
                    covered[hold.hold_id] = covered.get(hold.hold_id, 0) + 1
    return covered
