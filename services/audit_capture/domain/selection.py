"""The head of quality's requests for a month's cases: the case list CSV and a sample (pure)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from schemas.programme import ModerationSampleDrawn

from .csv_rows import LINE_BREAK, UnreadableRow, dict_reader, numbered


class CaseRow(BaseModel):
    case_ref: str = Field(min_length=1, max_length=64)
    team_id: str = Field(min_length=1)
    category: str = Field(min_length=1, examples=["CIN", "CP", "LAC", "care_leaver"])
    social_worker_id: str | None = None


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
    """Rows of case_ref, team_id, category[, social_worker_id]; problems name row and column."""
    rows, problems = [], []
    try:
        for number, row in numbered(dict_reader(text)):
            try:
                rows.append(CaseRow(**{k.strip(): (v or "").strip() or None
                                       for k, v in row.items() if k}).model_dump())
            except ValidationError as error:
                problems += [(["row", number, *e["loc"]], e["msg"]) for e in error.errors()]
    except UnreadableRow as unreadable:
        problems.append((["row", unreadable.row], LINE_BREAK))
    if not rows and not problems:
        problems.append((["csv_text"], "no case rows"))
    return rows, problems
