"""Deleting the outbox markers of published writes in batches, off the request path.

A request's events are safe once Kafka has acknowledged them; the marker that announced
them is then only clutter. Deleting it costs FerretDB a scan and a commit (about 3 ms), one
of the three writes a request made, so markers are deleted here, up to `BATCH` at a time:
once that many wait, or `interval` after the first. A marker not yet deleted when the
process stops is found by the relay, which publishes its events again: a repeat that
consumers, being idempotent, ignore.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque

from pymongo.asynchronous.collection import AsyncCollection

log = logging.getLogger(__name__)
BATCH = 50  # FerretDB 1.24 hangs on one write that matches 100 or more documents


class MarkerSweeper:
    def __init__(self, markers: AsyncCollection, *, interval: float = 0.5) -> None:
        self.markers = markers
        self.interval = interval  # the longest a published marker waits for its batch
        self.full = asyncio.Event()
        self.queue: list[str] = []
        self.sweeping: list[str] = []  # the batch being deleted right now
        self.swept: deque[str] = deque(maxlen=2000)
        self.task: asyncio.Task | None = None

    def queued(self, marker_id: str) -> bool:
        """Published by this process: its marker is being deleted or just was (a reader may
        have found it a moment before)."""
        return marker_id in self.swept or marker_id in self.queue or marker_id in self.sweeping

    def done(self, marker_id: str) -> None:
        self.queue.append(marker_id)
        if len(self.queue) >= BATCH:
            self.full.set()
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while self.queue:
            with contextlib.suppress(TimeoutError):  # a batch gathers, or time is up
                await asyncio.wait_for(self.full.wait(), timeout=self.interval)
            self.full.clear()
            await self.sweep()

    async def sweep(self) -> None:
        while self.queue:
            self.sweeping, self.queue = self.queue[:BATCH], self.queue[BATCH:]
            try:
                await self.markers.delete_many({"_id": {"$in": self.sweeping}})
            except asyncio.CancelledError:
                self.queue[:0] = self.sweeping  # not known deleted: keep them for next time
                raise
            except Exception as error:  # noqa: BLE001 - the relay republishes; harmless
                log.warning("outbox markers left for the relay",
                            extra={"error": type(error).__name__, "markers": len(self.sweeping)})
            else:
                self.swept.extend(self.sweeping)
            finally:
                self.sweeping = []

    async def close(self) -> None:
        """Delete what is queued before stopping (the running sweep finishes its batch)."""
        self.full.set()  # no more waiting for a batch to gather
        if self.task is not None and not self.task.done():
            try:
                await asyncio.wait_for(asyncio.shield(self.task), timeout=5)
            except Exception:  # noqa: BLE001 - the store is slow or down: stop it, keep its batch
                self.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self.task
        with contextlib.suppress(Exception):  # what is left waits for the relay
            await self.sweep()
