"""Every event type in the contracts that can carry actions is one action tracking
subscribes to: an actions field nobody consumes would lose those actions silently."""

from __future__ import annotations

from schemas.catalogue import EVENTS
from services.action_tracking.entrypoints.subscriptions import subscriptions


def carrying_actions() -> set[str]:
    return {model.event_type for model in EVENTS if "actions" in model.model_fields}


def subscribed() -> set[str]:
    # Binding needs no running service: the handlers only close over the deps.
    return {event_type for routes in subscriptions(deps=None, personal=None)  # type: ignore[arg-type]
            for event_type in routes.by_type()}


def test_action_tracking_subscribes_to_every_event_type_with_an_actions_field():
    assert carrying_actions(), "the contracts have events that carry actions"
    missing = carrying_actions() - subscribed()
    assert not missing, f"events with actions that action tracking ignores: {sorted(missing)}"


def test_the_list_includes_themed_audits_and_meetings():
    assert {"audit.themed_recorded", "meeting.minutes_signed_off"} <= carrying_actions()
