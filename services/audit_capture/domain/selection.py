"""The head of quality's requests for a month's cases: the case list CSV and a sample (pure)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, ValidationInfo, field_validator

from schemas.circles import ChildProtectionPlan
from schemas.programme import ModerationSampleDrawn

from .csv_rows import LINE_BREAK, UnreadableRow, dict_reader, numbered


class CaseRow(BaseModel):
    case_ref: str = Field(min_length=1, max_length=64)
    team_id: str = Field(min_length=1)
    category: str = Field(min_length=1, examples=["CIN", "CP", "LAC", "care_leaver"])
    social_worker_id: str | None = None


class CaseListRow(CaseRow):
    """A case list row, with the child protection plan's columns when the child has one
    (learning finds the children for learning circles from them)."""

    cp_plan_number: int | None = Field(default=None, ge=1, le=20)
    cp_plan_end_date: date | None = None
    cp_plan_start_date: date | None = Field(default=None, validate_default=True)

    @field_validator("cp_plan_start_date")
    @classmethod
    def _plan_has_a_start(cls, start: date | None, info: ValidationInfo) -> date | None:
        if start is None and (info.data.get("cp_plan_number")
                              or info.data.get("cp_plan_end_date")):
            raise ValueError("a child protection plan needs its start date (YYYY-MM-DD)")
        return start

    def plan(self) -> ChildProtectionPlan | None:
        """The child's plan, for a CP case or a row with plan data; None otherwise."""
        if self.category != "CP" and self.cp_plan_start_date is None:
            return None
        return ChildProtectionPlan(case_ref=self.case_ref, team_id=self.team_id,
                                   plan_start_date=self.cp_plan_start_date,
                                   plan_number=self.cp_plan_number,
                                   plan_end_date=self.cp_plan_end_date)


CASE_FIELDS = tuple(CaseRow.model_fields)


class Override(BaseModel):
    case_ref: str
    reason: str = Field(min_length=1, description="Why it may be audited again within 12 months")


class Addition(CaseRow):
    reason: str = Field(min_length=1)


class DrawSample(BaseModel):
    size: int = Field(ge=0, le=500)
    seed: int
    method: Literal["random", "stratified"] = "random"
    strata: Literal["category", "team_id"] = "category"
    overrides: list[Override] = Field(default_factory=list)
    additions: list[Addition] = Field(default_factory=list)


class DrawModerationSample(BaseModel):
    """The month's moderation sample: `size` audits, or the programme's size when not given."""

    seed: int
    size: int | None = Field(default=None, ge=0, le=500)


def draw_moderation_sample(command: DrawModerationSample, *, month: str,
                           submitted: Iterable[str], planned_size: int, drawn_by: str,
                           now: datetime) -> ModerationSampleDrawn:
    """`size` of the submitted audits (the programme's size when none is given), seeded: the
    same pool and seed give the same sample whatever order the audits were read in."""
    pool = sorted(submitted)
    size = planned_size if command.size is None else command.size
    picked = sorted(random.Random(command.seed).sample(pool, min(size, len(pool))))
    return ModerationSampleDrawn(month=month, seed=command.seed, size=size, audit_ids=picked,
                                 drawn_from_count=len(pool), drawn_at=now, drawn_by=drawn_by)


def parse_cases(text: str) -> tuple[list[dict[str, Any]], list[tuple[list[Any], str]]]:
    """Rows of case_ref, team_id, category[, social_worker_id][, cp_plan_start_date,
    cp_plan_number, cp_plan_end_date]; problems name row and column."""
    rows, problems = [], []
    try:
        for number, row in numbered(dict_reader(text)):
            try:
                rows.append(CaseListRow(**{k.strip(): (v or "").strip() or None
                                           for k, v in row.items() if k}).model_dump(mode="json"))
            except ValidationError as error:
                problems += [(["row", number, *e["loc"]], e["msg"].removeprefix("Value error, "))
                             for e in error.errors()]
    except UnreadableRow as unreadable:
        problems.append((["row", unreadable.row], LINE_BREAK))
    if not rows and not problems:
        problems.append((["csv_text"], "no case rows"))
    return rows, problems
