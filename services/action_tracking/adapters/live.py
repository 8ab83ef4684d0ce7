"""Alerts to connected browsers: every instance reads qa.alert itself (no consumer group, so
each instance sees every alert, from the latest offset) and hands each alert to the
connections of the people allowed to see it."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.message import StreamMessage

from schemas import topics

from ..domain.visibility import Viewer

log = logging.getLogger(__name__)


async def _raw_bytes(message: StreamMessage[Any]) -> bytes:
    return message.body


@dataclass
class AlertHub:
    """Fan-out to open SSE connections; repeats of one alert id are sent once."""

    queue_size: int = 100
    connections: dict[int, tuple[Viewer, asyncio.Queue]] = field(default_factory=dict)
    seen: OrderedDict[str, None] = field(default_factory=OrderedDict)

    def connect(self, viewer: Viewer) -> tuple[int, asyncio.Queue]:
        queue: asyncio.Queue = asyncio.Queue(self.queue_size)
        self.connections[id(queue)] = (viewer, queue)
        return id(queue), queue

    def disconnect(self, key: int) -> None:
        self.connections.pop(key, None)

    def deliver(self, alert: dict[str, Any]) -> int:
        alert_id = alert.get("alert_id")
        if alert_id in self.seen:
            return 0
        self.seen[alert_id] = None
        if len(self.seen) > 10_000:
            self.seen.popitem(last=False)
        sent = 0
        for viewer, queue in list(self.connections.values()):
            if viewer.sees(alert) and not queue.full():  # a stuck browser must not block
                queue.put_nowait(alert)
                sent += 1
        return sent

    def subscribe(self, broker: KafkaBroker) -> None:
        @broker.subscriber(topics.ALERT, group_id=None, auto_offset_reset="latest",
                           ack_policy=AckPolicy.MANUAL, decoder=_raw_bytes)
        async def on_alert(body: bytes) -> None:
            try:
                envelope = json.loads(body)
                if envelope.get("event_type") == "alert.raised":
                    self.deliver(envelope["data"])
            except (ValueError, KeyError, TypeError):
                log.warning("unreadable alert ignored by the live feed")
