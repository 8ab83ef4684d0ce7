"""Facts about complaints through their statutory stages (topic qa.complaint).

Due dates are in England working days (shared/workdays.py) from the Children Act 1989
Representations Procedure (England) Regulations 2006: stage 1 responds within 10 working
days (extendable to 20), stage 2 within 25 (extendable to 65), a stage 3 panel meets within
30 working days of the request, reports within 5 working days of meeting, and the council
responds within 15 working days of the report. Action tracking raises alerts from them.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .base import CaseReference, EventData, Id, PersonalText

Complainant = Literal["child", "parent_carer", "other"]
Outcome = Literal["upheld", "partly_upheld", "not_upheld"]


class ComplaintStage(BaseModel):
    stage: int = Field(ge=1, le=3, description="1 local resolution, 2 investigation, 3 review panel")
    started_on: date = Field(description="Stage 1: the complaint's received date; later stages: "
                                         "the date the complainant asked for the stage")
    due_on: date = Field(description="Statutory response date (stage 3: the panel's latest date)")
    extended_due_on: date | None = Field(
        default=None, description="Set when the stage was extended: its latest due date")
    responded_on: date | None = None
    outcome: Outcome | None = None
    extended: bool = False
    extended_on: date | None = Field(default=None, description="When the extension was agreed")
    effective_due_on: date | None = Field(
        default=None, description="extended_due_on when extended, else due_on: what to chase")
    next_stage_request_by: date | None = Field(
        default=None, description="Stages 1-2 once responded: last day to ask for the next stage")
    panel_on: date | None = Field(default=None, description="Stage 3: the day the panel met")
    panel_report_due_on: date | None = Field(default=None, description="Stage 3: panel + 5")
    council_response_due_on: date | None = Field(
        default=None, description="Stage 3: report due + 15 working days")
    learning: PersonalText | None = None


class Complaint(BaseModel):
    """What a complaint says beyond its stages, declared once: feedback ingestion's command
    (ComplaintIn) and the recorded event both take these fields from here."""

    source_id: Id
    received_on: date
    complainant: Complainant
    team_id: Id | None = None
    case_ref: CaseReference | None = None
    themes: list[str] = Field(default_factory=list)
    summary: PersonalText | None = None
    learning: PersonalText | None = None


class ComplaintRecorded(EventData, Complaint):
    """The complaint as now known; a later revision of the same complaint replaces it."""

    event_type = "complaint.recorded"
    topic = topics.COMPLAINT

    complaint_id: Id
    stages: list[ComplaintStage] = Field(min_length=1)
    revision: int = Field(default=1, ge=1)
    current_stage: int = Field(default=1, ge=1, le=3)

    def subject(self) -> str:
        return self.complaint_id
