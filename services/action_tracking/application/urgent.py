"""Safeguarding concerns and MOMO Safety Link: passed straight through as urgent alerts."""

from __future__ import annotations

from schemas.alert import AlertRaised
from schemas.audit import SafeguardingConcernRaised
from schemas.feedback import SafetyLinkTriggered
from shared.envelope import Envelope

from ..domain.deadlines import urgent_alert_id
from . import alerts
from .deps import Deps


async def on_safeguarding(deps: Deps, event: SafeguardingConcernRaised,
                          envelope: Envelope) -> None:
    alert = AlertRaised(
        alert_id=urgent_alert_id("safeguarding_concern", event.concern_id),
        kind="safeguarding_concern", about="safeguarding", about_id=event.concern_id,
        team_id=event.team_id, urgent=True, raised_at=deps.clock.now(),
        title="Safeguarding concern raised during an audit")
    await alerts.raise_once(deps, alert, correlation_id=envelope.correlation_id,
                            causation_id=str(envelope.event_id))


async def on_safety_link(deps: Deps, event: SafetyLinkTriggered, envelope: Envelope) -> None:
    alert = AlertRaised(
        alert_id=urgent_alert_id("safety_link", event.item_id),
        kind="safety_link", about="momo", about_id=event.item_id, team_id=event.team_id,
        urgent=True, raised_at=deps.clock.now(),
        title="A child used the MOMO Safety Link")
    await alerts.raise_once(deps, alert, correlation_id=envelope.correlation_id,
                            causation_id=str(envelope.event_id))
