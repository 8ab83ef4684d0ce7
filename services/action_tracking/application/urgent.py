"""Safeguarding concerns and MOMO Safety Link: passed straight through as urgent alerts."""

from __future__ import annotations

from schemas.alert import AlertRaised
from schemas.audit import SafeguardingConcernRaised
from schemas.feedback import SafetyLinkTriggered
from shared.envelope import Envelope

from ..domain.deadlines import urgent_alert_id
from .alerts import AlertRaiser


class UrgentHandlers:
    def __init__(self, raiser: AlertRaiser) -> None:
        self.raiser = raiser

    async def on_safeguarding(self, event: SafeguardingConcernRaised, envelope: Envelope):
        alert = AlertRaised(
            alert_id=urgent_alert_id("safeguarding_concern", event.concern_id),
            kind="safeguarding_concern", about="safeguarding", about_id=event.concern_id,
            team_id=event.team_id, urgent=True, raised_at=self.raiser.clock.now(),
            title="Safeguarding concern raised during an audit")
        await self.raiser.raise_once(alert, correlation_id=envelope.correlation_id,
                                     causation_id=str(envelope.event_id))

    async def on_safety_link(self, event: SafetyLinkTriggered, envelope: Envelope):
        alert = AlertRaised(
            alert_id=urgent_alert_id("safety_link", event.item_id),
            kind="safety_link", about="momo", about_id=event.item_id, team_id=event.team_id,
            urgent=True, raised_at=self.raiser.clock.now(),
            title="A child used the MOMO Safety Link")
        await self.raiser.raise_once(alert, correlation_id=envelope.correlation_id,
                                     causation_id=str(envelope.event_id))
