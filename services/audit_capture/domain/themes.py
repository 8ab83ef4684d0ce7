"""Themed audits and dip samples: a theme's own questions, answered yes / partly / no / not
applicable with evidence, for one case or many (pure)."""

from __future__ import annotations

import re
import unicodedata
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


def theme_id_for(title: str) -> str:
    """A new theme's id from its title: lower case words joined by hyphens ("Response to
    domestic abuse" → "response-to-domestic-abuse"); ids stay in URLs, titles on pages."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80] or "theme"


def questions_from_lines(lines: list[str], existing: list[dict[str, Any]]) -> list[Question]:
    """A theme's questions as the head of quality writes them, one a line. A line whose text
    a question already has keeps that question's id, so themed audits recorded before an
    edit still answer the same questions; a new line gets the next unused id (q1, q2, ...)."""
    kept = {q["text"].strip(): q["id"] for q in existing}
    used = {q["id"] for q in existing}
    numbers = [int(m[1]) for i in used if (m := re.fullmatch(r"q(\d+)", i))]
    next_number = max(numbers, default=0) + 1
    questions, seen = [], set()
    for line in (raw.strip() for raw in lines):
        if not line or line in seen:
            continue
        seen.add(line)
        if line in kept:
            questions.append(Question(id=kept[line], text=line))
        else:
            questions.append(Question(id=f"q{next_number}", text=line))
            next_number += 1
    return questions


def is_retired(theme: dict[str, Any]) -> bool:
    return bool(theme.get("retired_at"))


def retired_refusal(theme: dict[str, Any]) -> str | None:
    """Why no themed audit may be recorded against this theme now, or None."""
    if is_retired(theme):
        return (f"the theme {theme['title']!r} was retired: choose a theme in use, or ask the "
                "head of quality to bring it back")
    return None


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
