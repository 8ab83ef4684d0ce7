"""Filling an EMPTY generation from a full replay, writing while reading.

Every fact is folded in memory by the live rule (`batch.merge`: newer wins), so each is
written in its last state, nearly always once. After each batch read from Kafka, the facts
seen for the first time are inserted in the background (`insert_many`, overlapping the Kafka
reads and the decoding), so the many write-once facts (feedback, observations, moderations)
are in the store by the time the log is read. A fact that an event changes after its insert
has started is written again at the end, in its last state, by a bulk `ReplaceOne` (in
practice the few kinds that change: actions, complaints, audits).

The collections are indexed before they are loaded (`begin`), not afterwards as MongoDB
advises for bulk loads: on the local store an index built over a loaded collection of a few
hundred thousand facts never finished (SecantusDB retried write conflicts for ever), and
keeping the indexes through the inserts costs it about the same CPU as building them after.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from pymongo import ReplaceOne
from pymongo.asynchronous.collection import AsyncCollection

from shared.store import Store

from .batch import merge
from .decoding import Pending
from .facts import FactStore

CHUNK = 2000  # documents per insert or replace: larger gains little, smaller costs round trips
PARALLEL_WRITES = 4  # the store writes into different collections side by side


class FreshGenerationLoader:
    def __init__(self, facts: FactStore, store: Store) -> None:
        self.facts, self.store = facts, store
        self.documents: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.unwritten: dict[str, dict[str, None]] = defaultdict(dict)  # ordered set
        self.stale: dict[str, dict[str, None]] = defaultdict(dict)  # written, since changed
        self.writing: set[asyncio.Task] = set()
        self.slots = asyncio.Semaphore(PARALLEL_WRITES)

    async def begin(self) -> None:
        """Create the empty generation's indexes, before anything is written."""
        await self.store.create_indexes()

    def add(self, pending: list[Pending]) -> None:
        for collection, fact_id, fields, as_of in pending:
            outcome = merge(self.documents[collection], fact_id, fields, as_of)
            if outcome == "new":
                self.unwritten[collection][fact_id] = None
            elif outcome == "changed" and fact_id not in self.unwritten[collection]:
                self.stale[collection][fact_id] = None  # already (being) written: redo

    async def flush(self, *, at_least: int = CHUNK) -> None:
        """Start writing the facts first seen since they were last written, per collection
        once there are enough of them for one efficient insert (not waiting for it)."""
        for collection, ids in list(self.unwritten.items()):
            if len(ids) < max(at_least, 1):
                continue
            documents = [self.documents[collection][i] for i in ids]
            self.unwritten[collection] = {}
            await self.slots.acquire()
            task = asyncio.create_task(self._insert(collection, documents))
            self.writing.add(task)
            task.add_done_callback(self.writing.discard)

    async def _insert(self, collection: str, documents: list[dict[str, Any]]) -> None:
        try:
            target: AsyncCollection = await self.facts.collection(collection)
            for start in range(0, len(documents), CHUNK):
                await target.insert_many(documents[start:start + CHUNK], ordered=False)
        finally:
            self.slots.release()

    async def finish(self, progress) -> int:
        """Wait for the streamed writes, then write again the facts that changed after
        theirs started. Returns how many facts there are."""
        await self.flush(at_least=1)
        await asyncio.gather(*self.writing)
        progress.reset(total=sum(len(ids) for ids in self.stale.values()))

        async def replace(collection: str, ids: list[str]) -> None:
            async with self.slots:
                target = await self.facts.collection(collection)
                for start in range(0, len(ids), CHUNK):
                    chunk = [self.documents[collection][i] for i in ids[start:start + CHUNK]]

                    async def work(session, chunk=chunk) -> None:
                        await target.bulk_write([ReplaceOne({"_id": d["_id"]}, d)
                                                 for d in chunk], ordered=False,
                                                session=session)

                    await self.store.transaction(work)  # one commit for the chunk
                    progress.update(len(chunk))

        await asyncio.gather(*(replace(c, list(ids)) for c, ids in sorted(self.stale.items())
                               if ids))
        return sum(len(d) for d in self.documents.values())
