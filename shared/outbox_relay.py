"""Publishing what the outbox committed: at once after each write (`flush`), and later, by
the relay, whatever a crash or a broker outage left behind.

A write's events are published in order, then their entries are deleted. The relay follows
the outbox by a change stream: each new entry tells it when that entry would be overdue
(`settle` after it was written; its writer normally publishes and deletes it within
milliseconds), and it wakes then to publish whatever is still there, oldest first. Where
change streams are not available (or the stream breaks) it polls every `interval` seconds.
A write whose flush failed in this process is relayed at once.

An entry the broker refuses as too large (writes are checked against the limit, but a topic
may be set lower) would be refused for ever: it moves to `outbox_refused` with the reason,
counted, and the rest are published. Nothing waits behind it; nothing is lost.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from datetime import datetime, timedelta
from typing import Any

from pymongo import DeleteMany
from pymongo.errors import PyMongoError

from .cancellation import cancel_and_wait, wait_for_alarm
from .envelope import Envelope, utc_now
from .group_commit import GroupCommit
from .kafka import BrokerUnavailable, EventPublisher, MessageRefused
from .metrics import PlatformMetrics
from .store import Store, VersionConflict

log = logging.getLogger(__name__)
OUTBOX = "outbox"
REFUSED = "outbox_refused"
OLDEST_FIRST = [("written_at", 1), ("position", 1)]
RELAY_BATCH = 500
IDLE_CHECK = timedelta(seconds=60)  # with a change stream, a safety net for missed wake-ups
WATCHER_STOP_SECONDS = 10.0


@dataclass(frozen=True)
class Written:
    """One write's events as its writer holds them: published without reading them back."""

    aggregate: str  # "<collection>/<id>"
    events: tuple[tuple[str, Envelope], ...]  # (topic, envelope), in order

    @property
    def event_ids(self) -> list[str]:
        return [str(envelope.event_id) for _, envelope in self.events]

    @cached_property
    def write_id(self) -> str:
        """One id per write: its first event's (event ids are unique), else a new one."""
        return self.event_ids[0] if self.events else uuid.uuid4().hex


def as_events(stored: Sequence[dict[str, Any]]) -> tuple[tuple[str, Envelope], ...]:
    return tuple((e["topic"], Envelope.model_validate(e["envelope"]).continuing(e.get("trace")))
                 for e in stored)


class OutboxRelay:
    def __init__(self, store: Store, publisher: EventPublisher, metrics: PlatformMetrics,
                 *, settle_seconds: float = 5.0) -> None:
        self.store = store
        self.publisher = publisher
        self.metrics = metrics
        # An entry younger than this may belong to a write still publishing its own events.
        self.settle = timedelta(seconds=settle_seconds)
        self.unflushed: set[str] = set()  # entries whose flush failed here
        self.watching = False  # the change stream is open
        self._wake = asyncio.Event()
        self._planned: datetime | None = None  # when the sleeping relay next looks
        self._reported: datetime | None = None  # earliest new entry's due while it looks
        self.group = GroupCommit(store)  # writes and releases of concurrent requests

    async def publish(self, write: Written) -> bool:
        """Publish one write's events as its writer holds them, in order, and delete their
        entries; False if the broker is down (the relay publishes them when it returns)."""
        return await self._publish(write.events)

    async def flush(self, collection: str, aggregate_id: str) -> bool:
        """Publish everything this aggregate's writes left pending, oldest first (an update
        may follow a write whose publishing failed); False if the broker is down."""
        stored = await self.store.db[OUTBOX].find(
            {"aggregate": f"{collection}/{aggregate_id}"}).sort(OLDEST_FIRST).to_list(None)
        return await self._publish(as_events(stored))

    async def publish_all(self, writes: Sequence[Written]) -> bool:
        """Many writes' events handed to the producer at once and acknowledged together
        (each write's events share a key, so a partition keeps their order), then their
        entries deleted; False if the broker did not acknowledge them all (the relay
        publishes them, at once)."""
        events = [event for write in writes for event in write.events]
        ids = [str(envelope.event_id) for _, envelope in events]
        if not ids:
            return True
        if not await self.publisher.publish_many(events):
            log.warning("broker unavailable; events kept in the outbox")
            self._left_behind(ids)
            return False
        await self._release(ids)
        return True

    def _left_behind(self, ids: list[str]) -> None:
        """Publishing failed here: the relay takes them without waiting for them to settle."""
        self.unflushed.update(ids)
        self._wake.set()

    async def _publish(self, events: Sequence[tuple[str, Envelope]]) -> bool:
        ids = [str(envelope.event_id) for _, envelope in events]
        if not ids:
            return True
        try:
            await self.publisher.publish_in_order(events)
        except (BrokerUnavailable, MessageRefused) as error:  # refused: the relay sets it aside
            log.warning("events kept in the outbox for the relay",
                        extra={"error": type(error).__name__})
            self._left_behind(ids)
            return False
        await self._release(ids)
        return True

    async def _release(self, ids: list[str]) -> None:
        """Published: their entries go. If the store fails now the relay publishes them
        again later, which consumers ignore; the write itself has succeeded."""
        release = DeleteMany({"_id": {"$in": ids}}, namespace=f"{self.store.db.name}.{OUTBOX}")
        try:
            await self.group.run([release], check=lambda _: None)
        except (PyMongoError, VersionConflict) as error:
            log.warning("outbox entries left for the relay", extra={"error": type(error).__name__})

    async def relay_once(self, *, older_than_seconds: float | None = None) -> int:
        """Publish, oldest first, the entries older than the settle time (a crashed
        writer's, or another instance's) and those whose flush failed here. Returns how
        many entries were pending before it."""
        outbox = self.store.db[OUTBOX]
        pending = await outbox.estimated_document_count()  # metadata only: near empty anyway
        self.metrics.outbox_pending.set(pending)
        settle = self.settle if older_than_seconds is None else timedelta(
            seconds=older_than_seconds)
        overdue = {"written_at": {"$lte": utc_now() - settle}}
        failed_here = await outbox.find({"_id": {"$in": sorted(self.unflushed)}}).to_list(None)
        self.unflushed = {e["_id"] for e in failed_here}  # others may have relayed some
        while True:
            oldest = await outbox.find(overdue).sort(OLDEST_FIRST).limit(RELAY_BATCH).to_list(None)
            due = sorted({e["_id"]: e for e in [*failed_here, *oldest]}.values(),
                         key=lambda e: (e["written_at"], e["position"]))
            if not due:
                break
            ids = [e["_id"] for e in due]
            try:
                await self.publisher.publish_in_order(as_events(due))
            except MessageRefused:
                await self._one_by_one(due)
            await outbox.delete_many({"_id": {"$in": ids}})
            self.unflushed.difference_update(ids)
            failed_here = []
            if len(oldest) < RELAY_BATCH:
                break
        return pending

    async def _one_by_one(self, due: Sequence[dict[str, Any]]) -> None:
        """Publish in order, setting aside each entry the broker refuses (too large): kept
        in `outbox_refused` with the reason, so that the ones after it are not held up."""
        for entry in due:
            try:
                await self.publisher.publish_in_order(as_events([entry]))
            except MessageRefused as refusal:
                await self.store.db[REFUSED].replace_one(
                    {"_id": entry["_id"]},
                    {**entry, "refused_at": utc_now(), "reason": str(refusal)}, upsert=True)
                event_type = entry["envelope"].get("event_type", "unknown")
                self.metrics.outbox_refused.labels(event_type).inc()
                log.error("event refused by the broker as too large; set aside in "
                          "outbox_refused", extra={"event_type": event_type,
                                                   "event_id": entry["_id"]})

    async def _next_look(self) -> datetime:
        """When the oldest entry left becomes overdue; without entries, a while away (with a
        change stream a new entry wakes the relay anyway)."""
        oldest = await self.store.db[OUTBOX].find({}, {"written_at": 1}).sort(
            OLDEST_FIRST).limit(1).to_list(None)
        if oldest:
            return oldest[0]["written_at"] + self.settle
        return utc_now() + IDLE_CHECK

    async def run_relay(self, interval: float) -> None:
        watcher = asyncio.create_task(self._watch(interval))
        try:
            while True:
                self._wake.clear()  # a wake-up from here on means "look again"
                self._reported = None
                try:
                    await self.relay_once()
                    look = await self._next_look()
                except Exception as error:  # noqa: BLE001 - the relay outlives any outage
                    log.warning("outbox relay will retry", extra={"error": type(error).__name__})
                    look = utc_now() + timedelta(seconds=interval)
                if not self.watching:
                    look = min(look, utc_now() + timedelta(seconds=interval))
                if self._reported is not None:  # entries written while it looked
                    look = min(look, self._reported)
                await self._sleep_until(look)
        finally:
            await cancel_and_wait([watcher], seconds=WATCHER_STOP_SECONDS)

    async def _sleep_until(self, moment: datetime) -> None:
        self._planned = moment
        await wait_for_alarm(self._wake, (moment - utc_now()).total_seconds())
        self._planned = None

    async def _watch(self, interval: float) -> None:
        """Follow new entries by a change stream, reopening it after a failure."""
        pipeline = [{"$match": {"operationType": "insert"}},
                    {"$project": {"fullDocument.written_at": 1}}]
        while True:
            try:
                async with await self.store.db[OUTBOX].watch(pipeline) as stream:
                    self.watching = True
                    async for change in stream:
                        self._due(change["fullDocument"]["written_at"] + self.settle)
            except Exception as error:  # noqa: BLE001 - fall back to polling meanwhile
                log.info("outbox change stream closed; polling", extra={
                    "error": type(error).__name__})
            self.watching = False
            await asyncio.sleep(interval)

    def _due(self, moment: datetime) -> None:
        """A new entry becomes overdue at `moment`: look then, unless a look comes sooner."""
        if self._planned is None:  # looking right now: take it into the next plan
            self._reported = moment if self._reported is None else min(self._reported, moment)
        elif moment < self._planned:
            self._wake.set()

    async def close(self) -> None:
        """Nothing is held in memory that the store does not also hold."""
