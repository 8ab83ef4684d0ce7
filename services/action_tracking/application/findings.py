"""Audits, observations and meetings that raise actions: one action per raised item,
exactly once."""

from __future__ import annotations

from datetime import datetime

from schemas.audit import AuditSubmitted, ThemedAuditRecorded
from schemas.base import EventData
from schemas.circles import LearningCircleRecorded
from schemas.learn import SupervisionSignedOff
from schemas.learning import MinutesSignedOff
from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded
from shared.envelope import Envelope

from ..domain.actions import actions_from_finding, raised_event_id
from .deps import Deps


async def on_audit_submitted(deps: Deps, event: AuditSubmitted, envelope: Envelope) -> None:
    """Its actions are raised when it was submitted: the same moment as its envelope's, but
    for an audit loaded as history (`recorded_past`), in its own month."""
    await _raise(deps, event, envelope, kind="audit", origin_id=event.audit_id,
                 team_id=event.team_id, raised_at=event.submitted_at,
                 recorded_past=event.recorded_past)


async def on_practice_observation(deps: Deps, event: PracticeObservationRecorded,
                                  envelope: Envelope) -> None:
    await _raise(deps, event, envelope, kind="practice_observation",
                 origin_id=event.observation_id, team_id=event.team_id)


async def on_meeting_observation(deps: Deps, event: MeetingObservationRecorded,
                                 envelope: Envelope) -> None:
    await _raise(deps, event, envelope, kind="meeting_observation",
                 origin_id=event.observation_id, team_id=event.team_id or "unassigned")


async def on_conference_checklist(deps: Deps, event: ConferenceChecklistRecorded,
                                  envelope: Envelope) -> None:
    await _raise(deps, event, envelope, kind="conference_checklist",
                 origin_id=event.checklist_id, team_id=event.team_id)


async def on_themed_audit(deps: Deps, event: ThemedAuditRecorded, envelope: Envelope) -> None:
    """Themed, dip-sample and multi-agency audits."""
    await _raise(deps, event, envelope, kind="themed_audit", origin_id=event.themed_audit_id,
                 team_id=event.team_id)


async def on_meeting_minutes(deps: Deps, event: MinutesSignedOff, envelope: Envelope) -> None:
    """A meeting's signed minutes (each corrected version lists every action again: only
    new keys raise new actions). A clinic's actions are its team's; another meeting's, the
    owner's team (from the directory)."""
    for action in event.actions:
        owner = await deps.directory.person(action.owner_id) or {}
        single = event.model_copy(update={"actions": [action]})
        await _raise(deps, single, envelope, kind=event.action_origin(),
                     origin_id=event.meeting_id,
                     team_id=event.team_id or owner.get("team_id") or "unassigned")


async def on_supervision(deps: Deps, event: SupervisionSignedOff, envelope: Envelope) -> None:
    """A supervision session's next steps, each in its owner's team (from the directory)."""
    for action in event.actions:
        owner = await deps.directory.person(action.owner_id) or {}
        single = event.model_copy(update={"actions": [action]})
        await _raise(deps, single, envelope, kind="supervision", origin_id=event.supervision_id,
                     team_id=owner.get("team_id") or "unassigned")


async def on_learning_circle(deps: Deps, event: LearningCircleRecorded,
                             envelope: Envelope) -> None:
    """A learning circle's actions, in the child's team."""
    await _raise(deps, event, envelope, kind="learning_circle", origin_id=event.circle_id,
                 team_id=event.team_id)


async def _raise(deps: Deps, event: EventData, envelope: Envelope, *, kind, origin_id,
                 team_id, raised_at: datetime | None = None,
                 recorded_past: bool = False) -> None:
    # A finding about one child (an audit, a circle, an observation of their case) gives its
    # actions the case: a hold on the child keeps them, an erasure or a subject access
    # request finds them, and reading one is a read of the child's record.
    for raised in actions_from_finding(origin_kind=kind, origin_id=origin_id, team_id=team_id,
                                       raised=event.actions,
                                       raised_at=raised_at or envelope.occurred_at,
                                       recorded_past=recorded_past,
                                       case_ref=getattr(event, "case_ref", None)):
        derived = deps.publisher.envelope(
            raised, correlation_id=envelope.correlation_id,
            causation_id=str(envelope.event_id), event_id=raised_event_id(raised.action_id),
            occurred_at=envelope.occurred_at,
        )
        await deps.actions.add_once(raised, derived)
