"""Complaints through their statutory stages, with due dates in England working days."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from schemas.base import PersonalText
from schemas.complaint import Complaint, ComplaintRecorded, ComplaintStage, Outcome
from shared.workdays import add_working_days

from .items import Canonical

# Working days from the stage's start: (due, extended due). Stage 3: the panel's latest date.
TIMESCALES = {1: (10, 20), 2: (25, 65), 3: (30, None)}
NEXT_STAGE_REQUEST_DAYS = 20
PANEL_REPORT_DAYS = 5
COUNCIL_RESPONSE_DAYS = 15


class StageIn(BaseModel):
    stage: Literal[1, 2, 3]
    started_on: date
    extended: bool = False
    extended_on: date | None = None
    responded_on: date | None = None
    outcome: Outcome | None = None
    panel_on: date | None = Field(default=None, description="Stage 3: the day the panel met")
    learning: PersonalText | None = None

    @model_validator(mode="after")
    def _consistent(self) -> StageIn:
        if self.responded_on and self.responded_on < self.started_on:
            raise ValueError(f"stage {self.stage}: responded_on is before started_on")
        if self.extended and self.stage == 3:
            raise ValueError("stage 3 has no statutory extension")
        if self.outcome and not self.responded_on:
            raise ValueError(f"stage {self.stage}: an outcome needs responded_on")
        return self


def schedule(stage: StageIn) -> ComplaintStage:
    """The stage with its statutory due dates."""
    due_days, extended_days = TIMESCALES[stage.stage]
    due = add_working_days(stage.started_on, due_days)
    extended_due = (add_working_days(stage.started_on, extended_days)
                    if stage.extended and extended_days else None)
    dates: dict[str, Any] = {}
    if stage.responded_on and stage.stage < 3:
        dates["next_stage_request_by"] = add_working_days(stage.responded_on,
                                                          NEXT_STAGE_REQUEST_DAYS)
    if stage.stage == 3:
        report_from = stage.panel_on or due
        dates["panel_report_due_on"] = add_working_days(report_from, PANEL_REPORT_DAYS)
        dates["council_response_due_on"] = add_working_days(dates["panel_report_due_on"],
                                                            COUNCIL_RESPONSE_DAYS)
    return ComplaintStage(**stage.model_dump(), due_on=due, extended_due_on=extended_due,
                          effective_due_on=extended_due or due, **dates)


# Its fields but the stages are schemas/complaint.py's Complaint, shared with the event.
class ComplaintIn(Canonical, Complaint):
    """A complaint as the complaints system sends it; its stages carry no due dates."""

    stages: list[StageIn] = Field(default_factory=list,
                                  description="Empty: stage 1 started on received_on")

    source: Literal["complaint"] = "complaint"

    @model_validator(mode="after")
    def _stages_in_order(self) -> ComplaintIn:
        if not self.stages:
            self.stages = [StageIn(stage=1, started_on=self.received_on)]
        numbers = [s.stage for s in self.stages]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("stages must be 1, then 2, then 3, each once")
        if self.stages[0].started_on < self.received_on:
            raise ValueError("stage 1 cannot start before the complaint was received")
        for earlier, later in zip(self.stages, self.stages[1:], strict=False):
            if not earlier.responded_on or later.started_on < earlier.responded_on:
                raise ValueError(f"stage {later.stage} starts after stage {earlier.stage}'s "
                                 "response")
        return self

    def free_texts(self) -> list[str]:
        return [t for t in (self.summary, self.learning, *(s.learning for s in self.stages)) if t]

    def facts(self, *, revision: int, stored: dict[str, Any] | None, now: datetime) -> list[Any]:
        body = self.model_dump(exclude={"stages", "source"})
        return [ComplaintRecorded(**body, complaint_id=self.item_id(), revision=revision,
                                  stages=[schedule(s) for s in self.stages],
                                  current_stage=self.stages[-1].stage)]
