"""Audits and observations that raise actions: one action per raised item, exactly once."""

from __future__ import annotations

from schemas.audit import AuditSubmitted
from schemas.base import EventData
from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded
from shared.envelope import Envelope

from ..adapters.actions import ActionRepository
from ..domain.actions import actions_from_finding, raised_event_id


class FindingHandlers:
    def __init__(self, actions: ActionRepository, publisher) -> None:
        self.actions = actions
        self.publisher = publisher

    async def on_audit_submitted(self, event: AuditSubmitted, envelope: Envelope) -> None:
        await self._raise(event, envelope, kind="audit", origin_id=event.audit_id,
                          team_id=event.team_id)

    async def on_practice_observation(
        self, event: PracticeObservationRecorded, envelope: Envelope
    ) -> None:
        await self._raise(event, envelope, kind="practice_observation",
                          origin_id=event.observation_id, team_id=event.team_id)

    async def on_meeting_observation(
        self, event: MeetingObservationRecorded, envelope: Envelope
    ) -> None:
        await self._raise(event, envelope, kind="meeting_observation",
                          origin_id=event.observation_id, team_id=event.team_id or "unassigned")

    async def on_conference_checklist(
        self, event: ConferenceChecklistRecorded, envelope: Envelope
    ) -> None:
        await self._raise(event, envelope, kind="conference_checklist",
                          origin_id=event.checklist_id, team_id=event.team_id)

    async def _raise(self, event: EventData, envelope: Envelope, *, kind, origin_id, team_id):
        for raised in actions_from_finding(origin_kind=kind, origin_id=origin_id, team_id=team_id,
                                           raised=event.actions, raised_at=envelope.occurred_at):
            derived = self.publisher.envelope(
                raised, correlation_id=envelope.correlation_id,
                causation_id=str(envelope.event_id), event_id=raised_event_id(raised.action_id),
                occurred_at=envelope.occurred_at,
            )
            await self.actions.add_once(raised, derived)
