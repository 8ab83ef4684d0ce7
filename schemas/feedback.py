"""Facts about feedback from children, families, partners and staff (topic qa.feedback), and
the raw items upstream systems may publish for checking (topic qa.feedback.raw)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from . import topics
from .base import CaseReference, EventData, Id, PersonalText

FeedbackSource = Literal[
    "momo", "compliment", "customer_feedback", "partner", "allegations", "staff_survey"
]
PartnerKind = Literal["health", "education", "police", "housing", "other"]


class FeedbackItem(BaseModel):
    """What a feedback item says, declared once: feedback ingestion's command
    (FeedbackItemIn) and the accepted event both take these fields from here."""

    source: FeedbackSource
    source_id: Id
    received_on: date
    team_id: Id | None = None
    case_ref: CaseReference | None = None
    themes: list[str] = Field(default_factory=list)
    rating: int | None = Field(default=None, ge=1, le=5)
    text: PersonalText | None = None
    safety_link: bool = Field(default=False, description="MOMO only: the child feels unsafe")
    app: str | None = Field(default=None, max_length=64, description="MOMO: the app used")
    statement_kind: str | None = Field(default=None, max_length=64,
                                       description="MOMO: e.g. preparing_for_meeting, wellbeing")
    feelings: list[str] = Field(default_factory=list, description="MOMO: feelings chosen")
    went_well: PersonalText | None = Field(default=None, description="Customer feedback")
    not_so_well: PersonalText | None = Field(default=None, description="Customer feedback")
    partner_kind: PartnerKind | None = Field(default=None, description="Partner feedback")


class FeedbackItemAccepted(EventData, FeedbackItem):
    """A checked, normalised item; re-sending the same source id gives the same item_id.

    Source-specific fields are optional: MOMO statements carry `app`, `statement_kind` and
    `feelings`; customer feedback carries `rating`, `went_well` and `not_so_well`; partner
    feedback carries `partner_kind`."""

    event_type = "feedback.item_accepted"
    topic = topics.FEEDBACK

    item_id: Id
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


class RawFeedbackSubmitted(EventData):
    """An upstream system's item, unchecked: feedback ingestion validates it like a webhook
    call (invalid → quarantine; an undecodable message → qa.deadletter)."""

    event_type = "feedback.raw_item_submitted"
    topic = topics.FEEDBACK_RAW

    source: Literal[FeedbackSource, "complaint"]
    item: dict[str, Any] = Field(
        description="The item as the source shapes it (see POST /feedback/items and "
                    "/feedback/complaints); may hold personal data",
        json_schema_extra={"x-personal-data": True})

    def subject(self) -> str:
        return f"{self.source}:{self.item.get('source_id', '')}"
