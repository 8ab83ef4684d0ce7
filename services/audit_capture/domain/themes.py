"""Themed audits and dip samples: a theme's own questions, answered yes / partly / no / not
applicable with evidence, for one case or many (pure)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from schemas.audit import RaisedAction, ThemeAnswer, ThemedAuditRecorded
from schemas.base import CaseReference, Id
from schemas.common import Month
from shared.envelope import derived_id


class Question(BaseModel):
    id: Id
    text: str = Field(min_length=1)


class DefineTheme(BaseModel):
    theme_id: Id
    title: str = Field(min_length=1, examples=["Response to domestic abuse"])
    questions: list[Question] = Field(min_length=1)


class ThemedCase(BaseModel):
    case_ref: CaseReference
    team_id: Id
    answers: list[ThemeAnswer] = Field(min_length=1)
    actions: list[RaisedAction] = Field(default_factory=list)


class RecordThemedAudit(ThemedCase):
    theme_id: Id
    month: Month
    auditor_ids: list[Id] = Field(min_length=1)
    partner_agencies: list[str] = Field(default_factory=list)


class RecordDipSample(BaseModel):
    theme_id: Id
    month: Month
    auditor_ids: list[Id] = Field(min_length=1)
    partner_agencies: list[str] = Field(default_factory=list)
    cases: list[ThemedCase] = Field(min_length=1, max_length=1000)


def unanswered(theme: dict[str, Any], answers: list[ThemeAnswer]) -> str | None:
    """Why these answers do not fit the theme's questions, or None if they do."""
    asked = [q["id"] for q in theme["questions"]]
    given = [a.question_id for a in answers]
    if sorted(given) != sorted(asked):
        return f"answer each of the theme's questions exactly once: {', '.join(asked)}"
    return None


def themed_audit(
    theme: dict[str, Any], case: ThemedCase, *, month: str, auditor_ids: list[str],
    partner_agencies: list[str], themed_audit_id: str, dip_sample_id: str | None,
    now: datetime,
) -> ThemedAuditRecorded:
    return ThemedAuditRecorded(
        themed_audit_id=themed_audit_id, theme_id=theme["_id"], theme_title=theme["title"],
        month=month, case_ref=case.case_ref, team_id=case.team_id, auditor_ids=auditor_ids,
        answers=case.answers, partner_agencies=partner_agencies, dip_sample_id=dip_sample_id,
        actions=case.actions, recorded_at=now,
    )


def dip_sample_audit_id(dip_sample_id: str, case_ref: str) -> str:
    return derived_id("dip-sample", dip_sample_id, case_ref)
