"""The themed audit page's fields ⇄ the API's command: answers in the theme's order, partner
agencies one a line, each refusal on its question's own field (no I/O)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.audit_capture.domain.themes import RecordThemedAudit
from services.audit_capture.entrypoints.pages.themed_audit_forms import partner_agencies
from services.audit_capture.entrypoints.pages.themed_audit_forms import themed_audit_errors
from services.audit_capture.entrypoints.pages.themed_audit_forms import themed_audit_from_form

THEME = {"_id": "t1", "title": "Synthetic", "questions": [{"id": "qa", "text": "A?"},
                                                          {"id": "qb", "text": "B?"}]}


def test_partner_agencies_are_one_a_line_without_blanks_or_repeats():
    assert partner_agencies({"partner_agencies": " Police \r\n\nHealth\nPolice\n"}) == [
        "Police", "Health"]
    assert partner_agencies({}) == []


def test_the_form_becomes_the_api_command():
    form = {"theme_id": "t1", "case_ref": " TEST-1 ", "team_id": "team", "month": "2026-06",
            "question_1_answer": "yes", "question_2_answer": "not_applicable",
            "question_2_evidence": " none held "}
    command = RecordThemedAudit.model_validate(
        themed_audit_from_form(form, THEME, auditor_id="aud"))
    assert command.case_ref == "TEST-1" and command.auditor_ids == ["aud"]
    assert [(a.question_id, a.answer, a.evidence) for a in command.answers] == [
        ("qa", "yes", ""), ("qb", "not_applicable", "none held")]


def test_each_refusal_falls_on_its_own_field():
    form = {"theme_id": "t1", "team_id": "team", "month": "2026-13",
            "question_1_answer": "maybe"}
    with pytest.raises(ValidationError) as refused:
        RecordThemedAudit.model_validate(themed_audit_from_form(form, THEME, auditor_id="a"))
    errors = themed_audit_errors(refused.value)
    assert set(errors) == {"case_ref", "month", "question_1_answer", "question_2_answer"}
    assert errors["case_ref"] == "fill this in"
    assert errors["question_2_answer"] == "choose yes, partly, no or not applicable"
    assert errors["month"].startswith("must be a month written YYYY-MM")
