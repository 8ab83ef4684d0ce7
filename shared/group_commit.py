"""Group commit: the transactions of concurrent writers committed together.

Each outbox write is a few operations (the aggregate's change and its outbox entries) that
must commit atomically. A transaction costs two round trips (a bulkWrite and the commit),
and under load most of a request's store time is that per-transaction cost, not the work.
So while one group is being committed, the writes that arrive wait and go together in the
next: one bulkWrite holding every write's operations, one commit. If anything in a group
fails (a duplicate id, a stale version), the group is rolled back and each of its writes
runs again in a transaction of its own, so every caller gets its own answer. If the store
became unreachable, every write of the group gets that error (503) and none is run again:
its commit may have happened, and a second run would answer "already exists".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import PyMongoError
from pymongo.results import ClientBulkWriteResult

from .store import Store, VersionConflict, unavailable

Check = Callable[[Callable[[int], Any]], None]  # given "result of my op n", raise if refused
MAX_GROUP = 64  # writes per group: bounds one command's size and one rollback's cost


@dataclass
class _Write:
    operations: Sequence[Any]
    check: Check
    done: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class GroupFailed(Exception):
    """One write of a group was refused: the group is rolled back and run one by one."""


class GroupCommit:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.waiting: list[_Write] = []
        self.committing: asyncio.Task | None = None

    async def run(self, operations: Sequence[Any], check: Check) -> None:
        """Commit `operations` atomically (with others' or alone); `check` sees their
        results inside the transaction and raises to refuse the write."""
        write = _Write(operations, check)
        self.waiting.append(write)
        if self.committing is None or self.committing.done():
            self.committing = asyncio.create_task(self._commit_waiting())
        await asyncio.shield(write.done)  # a cancelled caller's write still completes

    async def _commit_waiting(self) -> None:
        while self.waiting:
            group, self.waiting = self.waiting[:MAX_GROUP], self.waiting[MAX_GROUP:]
            if len(group) > 1:
                try:
                    await self.store.transaction(lambda s: self._apply(s, group))
                except PyMongoError as error:
                    if unavailable(error):  # it may even have committed: never run it again
                        for write in group:
                            write.done.set_exception(error)
                        continue
                except (GroupFailed, VersionConflict):
                    pass  # rolled back: each runs alone below and gets its own answer
                else:
                    for write in group:
                        write.done.set_result(None)
                    continue
            await asyncio.gather(*(self._alone(write) for write in group))

    async def _alone(self, write: _Write) -> None:
        try:
            await self.store.transaction(lambda s: self._apply(s, [write]))
        except BaseException as error:  # noqa: BLE001 - handed to the writer who asked
            write.done.set_exception(error)
        else:
            write.done.set_result(None)

    async def _apply(self, session: AsyncClientSession, group: list[_Write]) -> None:
        result: ClientBulkWriteResult = await self.store.client.bulk_write(
            [op for write in group for op in write.operations], session=session,
            verbose_results=True)
        start = 0
        for write in group:
            offset = start
            try:
                write.check(lambda n, offset=offset: result.update_results.get(offset + n))
            except Exception as refusal:
                if len(group) > 1:
                    raise GroupFailed from refusal
                raise
            start += len(write.operations)
