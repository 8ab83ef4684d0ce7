"""Filling an EMPTY generation from a full replay, writing while reading.

FerretDB 1.24 inserts quickly (about 11,000 small documents/s here) but scans the whole
collection for every update, so a rebuild must insert each fact once, in its final state.
Every fact is folded in memory (`batch.merge`, the live newer-wins rule); after each batch the
facts seen for the first time are inserted in the background, overlapping Kafka reads and
decoding. When an event changes a fact already written, its collection stops streaming:
at the end it is dropped and written whole from memory. In practice that is the few kinds
that change (actions, complaints, audits), while the many write-once facts (feedback,
observations, moderations) are in the store by the time the log is read.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection

from shared.store import Store

from .batch import merge
from .decoding import Pending
from .facts import FactStore

CHUNK = 2000  # documents per insert: larger gains little, smaller costs round trips
PARALLEL_WRITES = 4  # FerretDB overlaps inserts into different collections a little


class FreshGenerationLoader:
    def __init__(self, facts: FactStore, store: Store) -> None:
        self.facts, self.store = facts, store
        self.documents: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.unwritten: dict[str, dict[str, None]] = defaultdict(dict)  # ordered set
        self.rewrite: set[str] = set()  # collections written whole at the end
        self.writing: set[asyncio.Task] = set()
        self.slots = asyncio.Semaphore(PARALLEL_WRITES)

    def add(self, pending: list[Pending]) -> None:
        for collection, fact_id, fields, as_of in pending:
            outcome = merge(self.documents[collection], fact_id, fields, as_of)
            if outcome == "new":
                self.unwritten[collection][fact_id] = None
            elif outcome == "changed" and fact_id not in self.unwritten[collection]:
                self.rewrite.add(collection)  # already (being) written: redo at the end

    async def flush(self, *, at_least: int = CHUNK) -> None:
        """Start writing the facts first seen since they were last written, per collection
        once there are enough of them for one efficient insert (not waiting for it)."""
        for collection, ids in list(self.unwritten.items()):
            if len(ids) < max(at_least, 1) or collection in self.rewrite:
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
        """Wait for the streamed writes, then write the collections that changed whole."""
        await self.flush(at_least=1)
        await asyncio.gather(*self.writing)
        total = sum(len(self.documents[c]) for c in self.rewrite)
        progress.reset(total=total)

        async def rewrite(collection: str) -> None:
            async with self.slots:
                target = await self.facts.collection(collection)
                await target.drop()
                documents = list(self.documents[collection].values())
                for start in range(0, len(documents), CHUNK):
                    chunk = documents[start:start + CHUNK]
                    await target.insert_many(chunk, ordered=False)
                    progress.update(len(chunk))

        await asyncio.gather(*(rewrite(c) for c in sorted(self.rewrite)))
        await self.store.create_indexes()  # only now: indexed inserts take twice as long
        return sum(len(d) for d in self.documents.values())
