"""Urgent alerts become owned work: a Safety Link or a safeguarding concern raises an urgent
tracked action (domain/urgent.py: who owns it, by when it is acknowledged) and an urgent
alert naming that action; both exactly once (derived ids). If it is not acknowledged in time
the deadline engine escalates it to the head of service (application/deadlines.py registers
that from the action's own event)."""

from __future__ import annotations

from schemas.action import ActionRaised
from schemas.alert import AlertRaised
from schemas.audit import SafeguardingConcernRaised
from schemas.feedback import SafetyLinkTriggered
from shared.envelope import Envelope

from ..domain.actions import raised_event_id
from ..domain.deadlines import urgent_alert_id
from ..domain.urgent import TITLES, UrgentKind, choose_owner, urgent_action
from . import alerts
from .deps import Deps


async def on_safeguarding(deps: Deps, event: SafeguardingConcernRaised,
                          envelope: Envelope) -> None:
    await _urgent(deps, envelope, kind="safeguarding_concern", about="safeguarding",
                  about_id=event.concern_id, record_id=event.audit_id, team_id=event.team_id,
                  case_ref=event.case_ref, summary=event.summary)


async def on_safety_link(deps: Deps, event: SafetyLinkTriggered, envelope: Envelope) -> None:
    await _urgent(deps, envelope, kind="safety_link", about="momo", about_id=event.item_id,
                  record_id=event.item_id, team_id=event.team_id, case_ref=event.case_ref)


async def _urgent(deps: Deps, envelope: Envelope, *, kind: UrgentKind, about: str,
                  about_id: str, record_id: str, team_id: str | None, case_ref: str | None,
                  summary: str | None = None) -> None:
    team = await deps.directory.team(team_id)
    people = await deps.directory.team_people(team_id) if team_id else []
    owner = choose_owner(people, (team or {}).get("head_of_service_id"))
    raised = urgent_action(
        kind=kind, about_id=about_id, record_id=record_id, team_id=team_id, owner_id=owner,
        case_ref=case_ref,
        raised_at=deps.clock.now(),
        acknowledge_within_hours=deps.settings.acknowledge_within_working_hours,
        summary=summary)
    await deps.actions.add_once(raised, _derived(deps, raised, envelope))
    action = await deps.actions.get(raised.action_id) or {}  # the first one stored wins
    alert = AlertRaised(
        alert_id=urgent_alert_id(kind, about_id), kind=kind, about=about, about_id=about_id,
        team_id=action.get("team_id", raised.team_id), owner_id=action.get("owner_id", owner),
        due_at=action.get("acknowledge_by", raised.acknowledge_by), urgent=True,
        raised_at=deps.clock.now(), title=TITLES[kind], action_id=raised.action_id)
    await alerts.raise_once(deps, alert, correlation_id=envelope.correlation_id,
                            causation_id=str(envelope.event_id))


def _derived(deps: Deps, raised: ActionRaised, envelope: Envelope) -> Envelope:
    return deps.publisher.envelope(
        raised, correlation_id=envelope.correlation_id, causation_id=str(envelope.event_id),
        event_id=raised_event_id(raised.action_id), occurred_at=raised.raised_at)
