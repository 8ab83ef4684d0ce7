"""What became of the actions meetings and supervision sessions raised: action tracking's
qa.action facts about actions whose origin is one of them, kept per origin."""

from __future__ import annotations

from schemas.action import ActionRaised, ActionStatusChanged
from shared.envelope import Envelope

from .deps import Deps

# A supervision's next steps are kept too: the next session discusses them by what they say.
MEETING_ORIGINS = {"performance_clinic", "qa_forum", "meeting", "supervision"}


async def on_action_raised(deps: Deps, event: ActionRaised, envelope: Envelope) -> None:
    if event.origin.kind not in MEETING_ORIGINS:
        return
    await deps.meeting_actions.raised(event.action_id, {
        "meeting_id": event.origin.id, "origin_kind": event.origin.kind,
        "description": event.description,
        "owner_id": event.owner_id, "due_date": event.due_date.isoformat(),
        "status": "open", "status_at": event.raised_at.isoformat()})


async def on_action_status_changed(deps: Deps, event: ActionStatusChanged,
                                   envelope: Envelope) -> None:
    await deps.meeting_actions.status_changed(event.action_id, event.status.value,
                                              event.changed_at.isoformat())
