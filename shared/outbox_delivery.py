"""Publishing what the outbox stored: at once after each write (`flush`), and later, by a
relay, whatever a broker outage or a crash left behind (`relay_once`).

A write's events are published in order. The marker that announced them (see outbox.py)
is then deleted in batches by the sweeper. The relay trusts a marker only once its
aggregate shows the events (the write happened), leaves young markers to their writers
(they may still be in flight) unless their flush already failed here, and drops a marker
whose write never happened after a grace period.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .envelope import Envelope, utc_now
from .kafka import BrokerUnavailable, EventPublisher
from .marker_sweeper import MarkerSweeper
from .metrics import PlatformMetrics
from .store import Store

log = logging.getLogger(__name__)
OUTBOX = "outbox"
MARKERS = "outbox_pending"
ENVELOPE_JSON = "envelope_json"


def marked_at(marker: dict[str, Any]) -> datetime:
    """When the write was announced, naive UTC as the store returns it."""
    return (marker.get("marked_at") or datetime(1970, 1, 1)).replace(tzinfo=None)



@dataclass(frozen=True)
class Written:
    """One write's events as its writer holds them: flushed without reading them back."""

    marker_id: str
    events: tuple[tuple[str, Envelope], ...]  # (topic, envelope), in order



def stored_envelope(entry: dict[str, Any]) -> Envelope:
    if ENVELOPE_JSON in entry:
        return Envelope.model_validate_json(entry[ENVELOPE_JSON])
    return Envelope.model_validate(entry["envelope"])  # an entry written before the text form


class OutboxDelivery:
    def __init__(self, store: Store, publisher: EventPublisher, metrics: PlatformMetrics, *,
                 grace_seconds: float, settle_seconds: float) -> None:
        self.store = store
        self.publisher = publisher
        self.metrics = metrics
        self.grace = timedelta(seconds=grace_seconds)  # longer than any write can take
        # Younger markers may belong to writes still in flight (a store call may take 15 s,
        # a publish 5 s): the relay leaves them to their writers rather than publish twice.
        self.settle = timedelta(seconds=settle_seconds)
        self.unflushed: set[str] = set()  # markers of writes whose flush failed here
        self.sweeper = MarkerSweeper(store.db[MARKERS])

    async def flush(self, collection: str, aggregate_id: str, *,
                    written: Written | None = None) -> bool:
        """Publish what this aggregate's writes left pending, in order; False if the broker
        is down (the markers stay and the relay publishes them when it returns)."""
        markers: list[dict[str, Any]] = []
        try:
            if written is not None:  # the events are at hand and the write is known done
                await self._publish(written.events)
                self.sweeper.done(written.marker_id)
            else:
                markers = await self.store.db[MARKERS].find(
                    {"aggregate_id": aggregate_id, "collection": collection}).to_list(None)
                await self._publish_marked(sorted(markers, key=marked_at))
        except BrokerUnavailable:
            log.warning("broker unavailable; events kept in the outbox")
            self.unflushed.update([written.marker_id] if written else
                                  [m["_id"] for m in markers])
            return False
        return True

    async def relay_once(self, *, older_than_seconds: float | None = None) -> int:
        """Publish what earlier writes left behind: those whose flush failed here, and any
        marker older than the settle time (a crashed writer's, or another instance's).
        Returns how many writes were pending."""
        markers = await self.store.db[MARKERS].find({}).to_list(None)
        self.metrics.outbox_pending.set(len(markers))
        self.unflushed &= {m["_id"] for m in markers}  # others may have relayed some
        settle = self.settle if older_than_seconds is None else timedelta(
            seconds=older_than_seconds)
        settled = (utc_now() - settle).replace(tzinfo=None)
        due = [m for m in markers if m["_id"] in self.unflushed or marked_at(m) <= settled]
        await self._publish_marked(sorted(due, key=marked_at))
        return len(markers)

    async def _unmark(self, written: Written | None) -> None:
        if written is not None:
            await self.store.db[MARKERS].delete_one({"_id": written.marker_id})

    async def _publish(self, events: Sequence[tuple[str, Envelope]]) -> None:
        # In order: the next is sent once the previous is acknowledged, so a write's events
        # reach Kafka in order even across partitions (they have different keys).
        await self.publisher.publish_in_order(events)

    async def _publish_marked(self, markers: list[dict[str, Any]]) -> None:
        """Markers whose write is visible in the aggregate are published and removed; those
        whose write never happened are removed once older than the grace period."""
        for marker in markers:
            if self.sweeper.queued(marker["_id"]):
                continue  # published already; its deletion is on its way
            aggregate = await self.store.db[marker["collection"]].find_one(
                {"_id": marker["aggregate_id"]}, {OUTBOX: 1})
            in_aggregate = (aggregate or {}).get(OUTBOX) or []
            # A marker from before markers named their events: outboxes then held only
            # pending events.
            wanted = marker.get("event_ids") or [e["event_id"] for e in in_aggregate]
            entries = [e for e in in_aggregate if e["event_id"] in wanted]
            written = Written(marker["_id"], tuple((e["topic"], stored_envelope(e))
                                                   for e in entries))
            if entries and len(entries) == len(set(wanted)):
                await self._publish(written.events)
                await self._unmark(written)
                self.unflushed.discard(written.marker_id)
            elif marked_at(marker) < (utc_now() - self.grace).replace(tzinfo=None):
                await self._unmark(written)  # the write it announced never happened

    async def close(self) -> None:
        await self.sweeper.close()

    async def run_relay(self, interval: float) -> None:
        while True:
            try:
                await self.relay_once()
            except Exception as error:  # noqa: BLE001 - the relay must outlive any outage
                log.warning("outbox relay will retry", extra={"error": type(error).__name__})
            await asyncio.sleep(interval)
