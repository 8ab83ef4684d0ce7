"""Inserts from concurrent requests into one collection, gathered into one `insert_many`.

A group commit: while one batch is on its way to the store, the inserts that arrive wait
and then go together. Alone, an insert goes at once, so a quiet service pays nothing;
under load FerretDB 1.24 gets one command (and one SQLite commit) for many documents:
each insert command costs it ~2 ms of CPU, each further document in one command a tenth
of that. Each caller still learns its own document's fate: a duplicate `_id` raises
`DuplicateKeyError` for that caller only (`ordered=False` inserts the rest).
"""

from __future__ import annotations

import asyncio
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError, DuplicateKeyError, WriteError

BATCH = 50  # FerretDB 1.24 hangs on one write that matches 100 or more documents
DUPLICATE_KEY = 11000


class GroupInsert:
    def __init__(self, collection: AsyncCollection, *, batch: int = BATCH) -> None:
        self.collection = collection
        self.batch = batch
        self.queue: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self.task: asyncio.Task | None = None

    async def insert(self, document: dict[str, Any]) -> None:
        """Stored once this returns; `DuplicateKeyError` if its `_id` exists."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.queue.append((document, done))
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._drain())
        await done

    async def _drain(self) -> None:
        while self.queue:
            batch, self.queue = self.queue[:self.batch], self.queue[self.batch:]
            await self._write(batch)

    async def _write(self, batch: list[tuple[dict[str, Any], asyncio.Future[None]]]) -> None:
        failed: dict[int, Exception] = {}
        try:
            await self.collection.insert_many([document for document, _ in batch],
                                              ordered=False)
        except BulkWriteError as error:
            failed = {e["index"]: _write_error(e) for e in error.details.get("writeErrors", [])}
        except BaseException as error:  # the store is down or slow: every caller learns it
            for _, done in batch:
                if not done.done():
                    done.set_exception(error if isinstance(error, Exception)
                                       else asyncio.CancelledError())
            if not isinstance(error, Exception):
                raise
            return
        for index, (_, done) in enumerate(batch):
            if done.done():  # its caller gave up waiting; the document is stored anyway
                continue
            if index in failed:
                done.set_exception(failed[index])
            else:
                done.set_result(None)


def _write_error(detail: dict[str, Any]) -> Exception:
    kind = DuplicateKeyError if detail.get("code") == DUPLICATE_KEY else WriteError
    return kind(detail.get("errmsg", "write failed"), detail.get("code"), detail)
