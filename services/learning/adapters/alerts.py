"""Alerts learning raises (a clinic due or overdue), each stored once under its derived id
with its event through the outbox (collection `alerts`): of two instances raising the same
alert, only the one whose transaction inserted it holds its event."""

from __future__ import annotations

from schemas.alert import AlertRaised
from shared.envelope import Envelope, derived_id
from shared.outbox import Outbox

ALERTS = "alerts"
INDEXES: list = []  # written and read by _id only


class AlertStore:
    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    async def raise_once(self, alert: AlertRaised, *, correlation_id: str) -> bool:
        """True if this call raised it (False: raised before)."""
        envelope: Envelope = self.outbox.publisher.envelope(
            alert, correlation_id=correlation_id,
            event_id=derived_id("event", "alert.raised", alert.alert_id),
            occurred_at=alert.raised_at)
        document = {"_id": alert.alert_id, **alert.model_dump(mode="json")}
        written = await self.outbox.upsert_once(ALERTS, document, [(alert, envelope)])
        if written is None:
            return False
        await self.outbox.publish(written)
        return True
