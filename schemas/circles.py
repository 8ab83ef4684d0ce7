"""Learning circles (the Learn stage): the case list's child protection plans, published by
audit capture with each month's case list (topic qa.programme), and each Restorative
Practice Learning Circle held with a 'stuck' core group (topic qa.learning)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from . import topics
from .audit import RaisedAction
from .base import CaseReference, EventData, Id, PersonalText
from .common import Month


class ChildProtectionPlan(BaseModel):
    """One child's child protection plan as the case list has it."""

    case_ref: CaseReference
    team_id: Id
    plan_start_date: date | None = Field(
        default=None, description="When the current plan started (none: not known yet)")
    plan_number: int | None = Field(
        default=None, ge=1, le=20,
        description="1 for a first plan, 2 for a second, ... (none: not known)")
    plan_end_date: date | None = Field(default=None, description="When the plan ended, if it has")


class ChildProtectionPlansListed(EventData):
    """The child protection plans in a month's case list (its CP cases and any row with plan
    data): the newest month's list replaces the one before."""

    event_type = "programme.child_protection_plans_listed"
    topic = topics.PROGRAMME

    month: Month
    plans: list[ChildProtectionPlan] = Field(max_length=5000)
    listed_on: date
    listed_by: Id | None = None

    def subject(self) -> str:
        return self.month


class LearningCircleRecorded(EventData):
    """A Restorative Practice Learning Circle held with a child's core group: who came, what
    was learned, and the actions it raised (tracked by action tracking)."""

    event_type = "learning_circle.recorded"
    topic = topics.LEARNING

    circle_id: Id
    held_on: date
    case_ref: CaseReference
    team_id: Id
    core_group: PersonalText = Field(min_length=1, description="The core group, as named")
    attendees: list[PersonalText] = Field(min_length=1, description="Who came (names or roles)")
    learning: list[PersonalText] = Field(min_length=1)
    actions: list[RaisedAction] = Field(default_factory=list)
    recorded_by: Id
    recorded_at: datetime

    def subject(self) -> str:
        return self.circle_id
