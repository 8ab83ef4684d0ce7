"""The head of quality's part of the monthly briefing (topic qa.briefing, key month)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from . import topics
from .base import EventData, Id, PersonalText
from .common import Month


class BriefingSignedOff(EventData):
    """The qualitative section, written and signed off by the head of quality.

    Signing off again for the same month replaces the earlier text (a later revision)."""

    event_type = "briefing.signed_off"
    topic = topics.BRIEFING

    month: Month
    themes: list[PersonalText] = Field(default_factory=list, max_length=20)
    outstanding_practice: list[Id] = Field(
        default_factory=list, max_length=20,
        description="Audit ids celebrated as outstanding practice")
    commentary: PersonalText = Field(default="", max_length=20000)
    signed_off_by: Id
    signed_off_at: datetime
    revision: int = Field(default=1, ge=1)

    def subject(self) -> str:
        return self.month


HALF_PATTERN = r"^(19\d\d|[2-9]\d{3})-H[12]$"


class StaffBriefingPublished(EventData):
    """The lessons of a half-year's complaints, compliments and feedback, written by the head
    of quality (the complaints manager's contribution) for the biannual briefing sheet that
    goes to all children's services staff. Publishing again replaces the earlier lessons."""

    event_type = "staff_briefing.published"
    topic = topics.BRIEFING

    half: str = Field(pattern=HALF_PATTERN, examples=["2026-H2"],
                      description="The half-year: H1 January to June, H2 July to December")
    lessons: list[PersonalText] = Field(min_length=1, max_length=20)
    published_by: Id
    published_at: datetime
    revision: int = Field(default=1, ge=1)

    def subject(self) -> str:
        return self.half
