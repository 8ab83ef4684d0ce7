"""Turning events into facts: thin, idempotent, one method per consumed event."""

from __future__ import annotations

from schemas.action import ActionRaised, ActionStatusChanged
from schemas.audit import AuditSubmitted
from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered
from shared.envelope import Envelope

from ..adapters.facts import ACTION_FACTS, AUDIT_FACTS, FEEDBACK_FACTS, SAFETY_LINK_FACTS
from ..adapters.facts import FactStore
from ..domain import facts


class ProjectionHandlers:
    def __init__(self, store: FactStore) -> None:
        self.store = store

    async def on_audit_submitted(self, event: AuditSubmitted, envelope: Envelope) -> None:
        await self.store.apply(AUDIT_FACTS, event.audit_id, facts.audit_fact(event),
                               as_of=envelope.occurred_at)

    async def on_action_raised(self, event: ActionRaised, envelope: Envelope) -> None:
        await self.store.apply(ACTION_FACTS, event.action_id, facts.action_fact(event),
                               as_of=envelope.occurred_at)

    async def on_action_status_changed(self, event: ActionStatusChanged, envelope: Envelope):
        await self.store.apply(ACTION_FACTS, event.action_id, {"status": event.status.value},
                               as_of=envelope.occurred_at)

    async def on_feedback_item(self, event: FeedbackItemAccepted, envelope: Envelope) -> None:
        await self.store.apply(FEEDBACK_FACTS, event.item_id, facts.feedback_fact(event),
                               as_of=envelope.occurred_at)

    async def on_safety_link(self, event: SafetyLinkTriggered, envelope: Envelope) -> None:
        await self.store.apply(SAFETY_LINK_FACTS, event.item_id,
                               {"month": event.received_on.strftime("%Y-%m"),
                                "team_id": event.team_id}, as_of=envelope.occurred_at)
