"""Restorative Practice Learning Circles (pure): which children's core groups qualify (on a
child protection plan for 18 months or more, or on a second or later plan), a circle every
8 weeks for those not yet circled, and recording a circle."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from schemas.audit import RaisedAction
from schemas.base import CaseReference, PersonalText
from schemas.circles import ChildProtectionPlan, LearningCircleRecorded

from .refusals import Refused

STUCK_AFTER_MONTHS = 18
CIRCLE_EVERY = timedelta(weeks=8)


def months_later(start: date, months: int) -> date | None:
    """The same day `months` later; the month's last day when it has no such day; None
    beyond the calendar's end."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def why_qualifies(plan: ChildProtectionPlan, on: date) -> str | None:
    """Why this child's core group is proposed for a circle on `on`, or None: no plan start
    date, a plan that has ended or not started, or a first plan under 18 months."""
    start = plan.plan_start_date
    if start is None or start > on:
        return None
    if plan.plan_end_date is not None and plan.plan_end_date <= on:
        return None
    if plan.plan_number is not None and plan.plan_number >= 2:
        return f"on a child protection plan for the {_ordinal(plan.plan_number)} time"
    stuck_from = months_later(start, STUCK_AFTER_MONTHS)
    if stuck_from is not None and on >= stuck_from:
        return f"on a child protection plan for 18 months or more (since {start.isoformat()})"
    return None


def _ordinal(n: int) -> str:
    return {2: "second", 3: "third"}.get(n, f"{n}th")


def proposed(plans: list[ChildProtectionPlan], *, on: date,
             circled: set[str]) -> list[dict[str, Any]]:
    """The children who qualify and have had no circle, longest on their plan first."""
    found = [{**plan.model_dump(mode="json"), "reason": reason}
             for plan in plans
             if plan.case_ref not in circled and (reason := why_qualifies(plan, on))]
    return sorted(found, key=lambda c: (c["plan_start_date"], c["case_ref"]))


def schedule(children: list[dict[str, Any]], *, last_circle_on: date | None,
             on: date) -> list[dict[str, Any]]:
    """A circle every 8 weeks after the last one (from `on` when none is held yet, or when
    the next is overdue), one child's core group each, in the order proposed."""
    after_last = last_circle_on and _later(last_circle_on, CIRCLE_EVERY)
    first = max(date.fromisoformat(after_last), on) if after_last else on
    return [{"circle_on": _later(first, n * CIRCLE_EVERY), **child}
            for n, child in enumerate(children)]


def _later(day: date, by: timedelta) -> str | None:
    try:
        return (day + by).isoformat()
    except OverflowError:  # a day asked about near the calendar's end
        return None


class ProposeChild(BaseModel):
    """A child the case list does not (yet) show, proposed by the practice learning team."""

    case_ref: CaseReference
    team_id: str = Field(min_length=1)
    plan_start_date: date | None = Field(default=None, description="When the current plan started")
    plan_number: int | None = Field(default=None, ge=1, le=20)
    reason: PersonalText = Field(default="", max_length=2000,
                                 description="Why this core group is stuck")


def decide_proposal(command: ProposeChild, *, today: date) -> ChildProtectionPlan:
    if command.plan_start_date is None:
        raise Refused("plan_start_date", "a learning circle cannot be proposed for a child "
                                         "without the date their plan started")
    if command.plan_start_date > today:
        raise Refused("plan_start_date", "the plan's start date cannot be in the future")
    return ChildProtectionPlan(case_ref=command.case_ref, team_id=command.team_id,
                               plan_start_date=command.plan_start_date,
                               plan_number=command.plan_number)


class RecordCircle(BaseModel):
    held_on: date
    case_ref: CaseReference
    team_id: str = Field(min_length=1)
    core_group: PersonalText = Field(min_length=1, max_length=200)
    attendees: list[PersonalText] = Field(min_length=1, max_length=40)
    learning: list[PersonalText] = Field(min_length=1, max_length=40)
    actions: list[RaisedAction] = Field(default_factory=list, max_length=20)


def decide_circle(command: RecordCircle, *, by: str, today: date, known: set[str],
                  circle_id: str, now: datetime) -> LearningCircleRecorded:
    if command.held_on > today:
        raise Refused("held_on", "a learning circle cannot be recorded before it is held")
    for n, action in enumerate(command.actions):
        if action.owner_id not in known:
            raise Refused(f"actions.{n}.owner_id", f"{action.owner_id} is not in the directory")
    if len({a.key for a in command.actions}) != len(command.actions):
        raise Refused("actions", "each action needs a key of its own")
    return LearningCircleRecorded(circle_id=circle_id, recorded_by=by, recorded_at=now,
                                  **command.model_dump())
