"""Raw items upstream systems publish to qa.feedback.raw: checked like a webhook call.
An undecodable message never reaches here (the shared consumer dead-letters it)."""

from __future__ import annotations

from schemas.feedback import RawFeedbackSubmitted
from shared.envelope import Envelope

from .deps import Deps
from .intake import receive


async def on_raw_item(deps: Deps, event: RawFeedbackSubmitted, envelope: Envelope) -> None:
    await receive(deps, event.source, event.item, channel="kafka",
                  correlation_id=envelope.correlation_id, delivery_id=str(envelope.event_id))
