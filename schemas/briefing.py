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
