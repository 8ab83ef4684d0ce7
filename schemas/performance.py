"""Locality performance indicators, imported by the performance team (topic qa.performance)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from . import topics
from .base import EventData, Id, PersonalText
from .common import Month

IndicatorName = Annotated[str, Field(min_length=1, max_length=120,
                                     description="The indicator as the performance team names it")]


class LocalityIndicatorRecorded(EventData):
    """A team's value of one locality performance indicator for one month, against its target,
    with an optional practice issue. Importing the same team, month and indicator again
    replaces it (the key is the same; the later event wins)."""

    event_type = "performance.indicator_recorded"
    topic = topics.PERFORMANCE

    team_id: Id
    month: Month
    indicator: IndicatorName
    value: float = Field(allow_inf_nan=False)
    target: float | None = Field(default=None, allow_inf_nan=False)
    better: Literal["higher", "lower"] = Field(
        default="higher", description="Whether a value above the target is better")
    # Meant to hold no personal data, but it is free text, so it is marked as if it could.
    practice_issue: PersonalText | None = Field(default=None, max_length=500)
    import_id: Id
    imported_by: Id
    imported_at: datetime

    def subject(self) -> str:
        return f"{self.team_id}:{self.month}:{self.indicator}"
