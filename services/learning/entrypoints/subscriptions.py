"""Every event learning consumes, in one place, each handled by the application with the
service's Deps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from schemas import topics
from schemas.action import ActionRaised, ActionStatusChanged
from schemas.audit import AuditModerated, AuditResultsShared, ThemedAuditRecorded
from schemas.circles import ChildProtectionPlansListed
from schemas.directory import StaffMemberUpserted, TeamUpserted
from schemas.observation import ConferenceChecklistRecorded, PracticeObservationRecorded
from shared.consumer import Handler, TopicRoutes
from shared.envelope import Envelope
from shared.personal_data.envelopes import PersonalData
from shared.personal_data.erasure_events import forget_erased_keys

from ..application import circles, directory, learn, meeting_actions, themed_results
from ..application import practice_learning
from ..application.deps import Deps


def subscriptions(deps: Deps, *, personal: PersonalData) -> list[TopicRoutes]:
    def bind(handler: Callable[[Deps, Any, Envelope], Awaitable[None]]) -> Handler:
        return partial(handler, deps)

    def bind_each(*handlers: Callable[[Deps, Any, Envelope], Awaitable[None]]) -> Handler:
        """One event, several effects, in order (each idempotent, so a redelivery after a
        failure part way through repeats nothing)."""
        async def each(event: Any, envelope: Envelope) -> None:
            for handler in handlers:
                await handler(deps, event, envelope)
        return each

    return [
        forget_erased_keys(personal),  # erasures: their keys forgotten at once
        TopicRoutes(topics.DIRECTORY, {StaffMemberUpserted: bind(directory.on_staff_member),
                                       TeamUpserted: bind(directory.on_team)}),
        # What became of the actions meetings raised (action tracking tracks them).
        TopicRoutes(topics.ACTION, {
            ActionRaised: bind(meeting_actions.on_action_raised),
            ActionStatusChanged: bind(meeting_actions.on_action_status_changed)}),
        # Themed audits beside the monthly findings; an audit's results delivered to the
        # worker and their line manager, with the moderation outcome beside them (Learn).
        TopicRoutes(topics.AUDIT, {ThemedAuditRecorded: bind(themed_results.on_themed_recorded),
                                   AuditResultsShared: bind_each(
                                       learn.on_results_shared,
                                       practice_learning.on_results_shared),
                                   AuditModerated: bind(learn.on_audit_moderated)}),
        # Practice observations and chairs' checklists: the practice learning team's queue
        # (those shared with it), each worker's annual review and ASYE evidence.
        TopicRoutes(topics.OBSERVATION, {
            PracticeObservationRecorded: bind(practice_learning.on_practice_observation),
            ConferenceChecklistRecorded: bind(practice_learning.on_checklist)}),
        # The case list's child protection plans, for learning circles.
        TopicRoutes(topics.PROGRAMME, {
            ChildProtectionPlansListed: bind(circles.on_plans_listed)}),
    ]
