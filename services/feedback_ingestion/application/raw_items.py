"""Raw items upstream systems publish to qa.feedback.raw: checked like a webhook call.
An undecodable message never reaches here (the shared consumer dead-letters it)."""

from __future__ import annotations

from schemas.feedback import RawFeedbackSubmitted
from shared.envelope import Envelope

from .intake import Intake


class RawItemHandlers:
    def __init__(self, intake: Intake) -> None:
        self.intake = intake

    async def on_raw_item(self, event: RawFeedbackSubmitted, envelope: Envelope) -> None:
        await self.intake.receive(event.source, event.item, channel="kafka",
                                  correlation_id=envelope.correlation_id,
                                  delivery_id=str(envelope.event_id))
