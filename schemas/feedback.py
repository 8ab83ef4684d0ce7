"""Facts about feedback from children, families, partners and staff (topic qa.feedback)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from . import topics
from .base import CaseReference, EventData, Id, PersonalText

FeedbackSource = Literal[
    "momo", "compliment", "customer_feedback", "partner", "allegations", "staff_survey"
]


class FeedbackItemAccepted(EventData):
    """A checked, normalised item; re-sending the same source id gives the same item_id."""

    event_type = "feedback.item_accepted"
    topic = topics.FEEDBACK

    item_id: Id
    source: FeedbackSource
    source_id: Id
    received_on: date
    team_id: Id | None = None
    case_ref: CaseReference | None = None
    themes: list[str] = Field(default_factory=list)
    rating: int | None = Field(default=None, ge=1, le=5)
    text: PersonalText | None = None
    revision: int = Field(default=1, ge=1, description="Grows when the source changes the item")

    def subject(self) -> str:
        return self.item_id


class SafetyLinkTriggered(EventData):
    """A child said through MOMO that they feel unsafe: published at once, ahead of batching."""

    event_type = "feedback.safety_link_triggered"
    topic = topics.FEEDBACK

    item_id: Id
    source_id: Id
    case_ref: CaseReference
    team_id: Id | None = None
    received_on: date = Field(description="The statement's own date")
    received_at: datetime = Field(description="When the platform received it")

    def subject(self) -> str:
        return self.item_id
