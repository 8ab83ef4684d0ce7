"""Reporting's read models: one fact document per aggregate, replaced only by newer events.

Figures are computed at read time from these documents, so applying an event twice, or an
older event after a newer one, changes nothing. Every access goes through a generation
(see generations.py), so a rebuild can fill new collections while these keep serving.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ReplaceOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError

from shared.store import IndexSpec, Store, ascending

from ..domain import names
from .batch import settle
from .decoding import Pending
from .generations import Generations, physical

AUDIT_FACTS = names.AUDITS
ACTION_FACTS = names.ACTIONS
FEEDBACK_FACTS = names.FEEDBACK
SAFETY_LINK_FACTS = names.SAFETY_LINKS

# Every read (FactStore.find) sorts by _id, so each index ends with it: months (or a team)
# first, then _id, lets the store read the matches already in order (an $in of months is
# merged month by month) instead of choosing a whole scan of _id for its order. Indexes led
# by team_id (or themes, or theme) also answer the filters' distinct values from the index
# alone (entrypoints/filters.py).
_KEYS: list[tuple[str, list[str]]] = [
    (names.AUDITS, ["month", "_id"]),
    (names.AUDITS, ["team_id", "month", "_id"]),
    (names.AUDITS, ["social_worker_id"]),
    (names.ACTIONS, ["raised_month", "_id"]),
    (names.ACTIONS, ["team_id", "_id"]),
    (names.ACTIONS, ["status", "due_date"]),
    (names.ACTIONS, ["origin_id"]),
    # A report reads the actions raised, completed or due in its months, or open
    # (adapters/briefing.py, actions_for): one index per branch of that $or.
    (names.ACTIONS, ["completed_on", "_id"]),
    (names.ACTIONS, ["due_date", "_id"]),
    (names.FEEDBACK, ["month", "_id"]),
    (names.FEEDBACK, ["team_id", "month", "_id"]),
    (names.FEEDBACK, ["themes", "_id"]),
    (names.SAFETY_LINKS, ["month", "_id"]),
    (names.COMPLAINTS, ["month", "_id"]),
    (names.COMPLAINTS, ["team_id", "_id"]),
    (names.COMPLAINTS, ["themes", "_id"]),
    # ... and the complaints received or responded to in them, or that reached stage 2
    # (complaints_for).
    (names.COMPLAINTS, ["stages.responded_on", "_id"]),
    (names.COMPLAINTS, ["stages.stage", "stages.responded_on"]),
    (names.OBSERVATIONS, ["month", "_id"]),
    (names.OBSERVATIONS, ["team_id", "month", "_id"]),
    (names.ALLOCATIONS, ["month", "_id"]),
    (names.ALLOCATIONS, ["team_id", "month", "_id"]),
    (names.MODERATIONS, ["month", "_id"]),
    # An auditor's competency record: their audits and moderations, month by month.
    (names.MODERATIONS, ["auditor_ids", "month"]),
    (names.AUDITS, ["auditor_ids", "month"]),
    # The register of outstanding practice: by month, or a team's.
    (names.GOOD_PRACTICE, ["month", "_id"]),
    (names.GOOD_PRACTICE, ["team_id", "month", "_id"]),
    (names.GRADE_CHANGES, ["month", "_id"]),
    (names.CONCERNS, ["month", "_id"]),
    (names.THEMED_AUDITS, ["month", "_id"]),
    (names.THEMED_AUDITS, ["team_id", "month", "_id"]),
    (names.CHECKLISTS, ["month", "_id"]),
    (names.STAFF, ["team_id", "_id"]),
    (names.PROGRAMME, ["theme"]),
    (names.INDICATORS, ["team_id", "month"]),
    # The Review cycle (qa.learning): a report's months, or a team's within them.
    (names.MEETINGS, ["month", "_id"]),
    (names.MEETINGS, ["team_id", "month", "_id"]),
    (names.PRIORITIES, ["month", "_id"]),
    (names.PRIORITY_OUTCOMES, ["month", "_id"]),
    (names.ESCALATED_THEMES, ["month", "_id"]),
    (names.THEME_ANSWERS, ["month", "_id"]),
    (names.THEME_ANSWERS, ["escalated_month", "_id"]),
    # The Learn stage: results shared and sessions in a report's months (or a team's); the
    # supervision sessions held in them (their supervisees: a team's staff); the sessions
    # that discussed the period's audits, by audit.
    (names.RESULTS_SHARED, ["month", "_id"]),
    (names.RESULTS_SHARED, ["team_id", "month", "_id"]),
    (names.SUPERVISIONS, ["month", "_id"]),
    (names.SUPERVISION_DISCUSSIONS, ["audit_id"]),
    (names.LEARNING_SESSIONS, ["month", "_id"]),
]


def indexes(generation: int = 0) -> list[IndexSpec]:
    return [IndexSpec(physical(c, generation), ascending(*keys)) for c, keys in _KEYS]


INDEXES = indexes(0)
Settling = tuple[dict[str, Any], datetime]  # an event's fields for a fact, and its as_of


async def _settled(target: AsyncCollection, events: dict[str, list[Settling]],
                   session: AsyncClientSession | None) -> tuple[list[dict], list[dict]]:
    """The documents the events leave (`batch.settle` on the stored ones): new facts, and
    stored facts that change."""
    stored = {document["_id"]: document async for document in target.find(
        {"_id": {"$in": list(events)}}, session=session)}
    new, replaced = [], []
    for fact_id, chain in events.items():
        after = settle(fact_id, stored.get(fact_id), chain)
        if after is not None:
            (replaced if fact_id in stored else new).append(after)
    return new, replaced


class FactStore:
    """Facts in one generation (fixed, for a rebuild) or in whichever one is active."""

    def __init__(self, store: Store, *, generation: int | None = None,
                 generations: Generations | None = None) -> None:
        self.store = store
        self.db = store.db
        self.fixed = generation
        self.generations = generations or Generations(store)

    async def collection(self, name: str):
        generation = self.fixed if self.fixed is not None else await self.generations.active()
        return self.db[physical(name, generation)]

    async def apply(
        self, collection: str, fact_id: str, fields: dict[str, Any], *, as_of: datetime
    ) -> bool:
        """Set the fact unless a newer event already did; returns whether it changed."""
        return await self.apply_all([(collection, fact_id, fields, as_of)]) > 0

    async def apply_all(self, pending: Sequence[Pending]) -> int:
        """Apply many events' facts (in the order given) as applying them one at a time
        would, in a few round trips per collection (collections side by side): the stored
        facts they name are read at once, the events settled on them in memory
        (`batch.settle`), and the facts that change are written with one `insert_many` and
        one bulk `ReplaceOne`. Returns how many facts changed: none when the events were
        applied before (redelivery, replay), and then nothing is written."""
        by_collection: dict[str, dict[str, list[Settling]]] = {}
        for collection, fact_id, fields, as_of in pending:
            by_collection.setdefault(collection, {}).setdefault(fact_id, []).append(
                (fields, as_of))
        changed = await asyncio.gather(*(self._apply_to(collection, events)
                                         for collection, events in by_collection.items()))
        return sum(changed)

    async def _apply_to(self, collection: str, events: dict[str, list[Settling]]) -> int:
        """Facts that are all new are inserted as they are: the unique `_id` refuses a fact
        another writer inserted since the read, and then, as whenever stored facts change,
        the read, the settling and the writes run again as one transaction (a concurrent
        change is then a write conflict, retried, never lost)."""
        target = await self.collection(collection)
        new, replaced = await _settled(target, events, None)
        inserted = 0
        if not replaced:
            if not new:
                return 0
            try:
                await target.insert_many(new, ordered=False)
                return len(new)
            except BulkWriteError as error:
                if any(e.get("code") != 11000 for e in error.details["writeErrors"]):
                    raise
                inserted = error.details["nInserted"]  # the others: settled again below

        async def work(session: AsyncClientSession) -> int:
            new, replaced = await _settled(target, events, session)
            if new:
                await target.insert_many(new, ordered=False, session=session)
            if replaced:
                await target.bulk_write([ReplaceOne({"_id": d["_id"]}, d) for d in replaced],
                                        ordered=False, session=session)
            return len(new) + len(replaced)

        return inserted + await self.store.transaction(work)

    async def find(self, collection: str, query: dict[str, Any], *, limit: int = 0,
                   fields: list[str] | None = None,
                   sort: list[tuple[str, int]] | None = None) -> list[dict[str, Any]]:
        target = await self.collection(collection)
        projection = {f: 1 for f in fields} if fields else None
        cursor = target.find(query, projection).sort(sort or [("_id", 1)])
        if limit:
            cursor = cursor.limit(limit)
        return await cursor.to_list(None)

    async def count(self, collection: str, query: dict[str, Any]) -> int:
        return await (await self.collection(collection)).count_documents(query)

    async def count_by(self, collection: str, query: dict[str, Any], field: str) -> dict[str, int]:
        pipeline = [{"$match": query}, {"$group": {"_id": f"${field}", "n": {"$sum": 1}}}]
        cursor = await (await self.collection(collection)).aggregate(pipeline)
        return {str(row["_id"]): row["n"] async for row in cursor}

    async def distinct(self, collection: str, field: str, *, array: bool = False) -> list[Any]:
        """The values `field` takes, None left out; of an array field (`array`), each
        element (`distinct` does that by itself: an index on the field, multikey for an
        array, answers it without reading the documents)."""
        found = await (await self.collection(collection)).distinct(field)
        return [value for value in found if value is not None]
