"""Raising an alert: store it once under its derived id with its event, then publish it."""

from __future__ import annotations

from datetime import datetime

from schemas.alert import AlertRaised
from shared.envelope import derived_id

from ..adapters.alerts import AlertStore
from ..clock import Clock
from ..metrics import ActionMetrics


class AlertRaiser:
    def __init__(self, alerts: AlertStore, clock: Clock, metrics: ActionMetrics) -> None:
        self.alerts = alerts
        self.clock = clock
        self.metrics = metrics

    async def raise_once(self, alert: AlertRaised, *, correlation_id: str,
                         causation_id: str | None = None,
                         moment: datetime | None = None) -> bool:
        """True if this call raised it (False: it already existed)."""
        envelope = self.alerts.publisher.envelope(
            alert, correlation_id=correlation_id, causation_id=causation_id,
            event_id=derived_id("event", "alert.raised", alert.alert_id),
            occurred_at=alert.raised_at)
        written = await self.alerts.insert_once(alert, envelope)
        if written is None:
            return False
        if await self.alerts.publish(written) and moment is not None:
            delay = (self.clock.now() - moment).total_seconds()
            self.metrics.deadline_to_alert.labels(alert.kind).observe(max(0.0, delay))
        return True
