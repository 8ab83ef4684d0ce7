"""Everything a use case or event handler of action tracking may use, built once by
bootstrap.py: the repositories, the clock, the publisher (for envelopes), the webhook
client and the deadline loop's alarm."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx

from shared.kafka import EventPublisher

from ..adapters.actions import ActionRepository
from ..adapters.alerts import AlertStore
from ..adapters.deadlines import DeadlineStore
from ..adapters.directory import Directory
from ..adapters.live import AlertHub
from ..adapters.webhooks import WebhookStore
from shared.clock import Clock
from ..metrics import ActionMetrics
from ..settings import ActionTrackingSettings


@dataclass
class Deps:
    settings: ActionTrackingSettings
    actions: ActionRepository
    directory: Directory
    deadlines: DeadlineStore
    alerts: AlertStore
    webhooks: WebhookStore
    hub: AlertHub  # live alerts to connected browsers
    webhook_client: httpx.AsyncClient
    publisher: EventPublisher
    metrics: ActionMetrics
    clock: Clock
    # Set when a deadline was registered or "now" moved: the deadline loop looks at once.
    deadline_alarm: asyncio.Event = field(default_factory=asyncio.Event)
    # Held from reading the counters to setting the gauges, by each writer of them: else a
    # refresh that read before an event's count could set its older figures after it.
    gauges_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def wake_deadline_loop(self) -> None:
        self.deadline_alarm.set()
