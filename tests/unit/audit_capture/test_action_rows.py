"""The pages' action rows (what, who, by when), shared by the audit form and the checklist:
only rows with anything typed become actions, keyed by their row; a partly filled row is
refused on each empty field of that row; drafts in either shape come back as rows."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.audit_capture.domain.audits import AuditFindings
from services.audit_capture.domain.observations import RecordConferenceChecklist
from services.audit_capture.entrypoints.pages.action_rows import MISSING, action_rows
from services.audit_capture.entrypoints.pages.action_rows import actions_from_form
from services.audit_capture.entrypoints.pages.audit_forms import field_errors, findings_from_form
from services.audit_capture.entrypoints.pages.audit_forms import values_from_draft
from services.audit_capture.entrypoints.pages.observation_forms import checklist_from_form
from services.audit_capture.entrypoints.pages.observation_forms import observation_errors

FULL_ROW_1 = {"action_1_description": "Synthetic: update the plan", "action_1_owner_id": "tm-1",
              "action_1_due_date": "2026-07-01"}


def _audit_form(**rows: str) -> dict[str, str]:
    form = {"social_worker_id": "sw-1", "overall_grade": "good", "impact_grade": "good",
            "child_view_status": "obtained", "parent_view_status": "not_possible"}
    return form | {f"std{n}_grade": "good" for n in range(1, 7)} | rows


def test_only_typed_rows_become_actions_keyed_by_their_row():
    form = FULL_ROW_1 | {"action_2_description": "   ", "action_3_description": "Synthetic",
                         "action_3_owner_id": " tm-3 ", "action_3_due_date": "2026-08-01"}
    assert actions_from_form(form) == [
        {"key": "a1", "description": "Synthetic: update the plan", "owner_id": "tm-1",
         "due_date": "2026-07-01"},
        {"key": "a3", "description": "Synthetic", "owner_id": "tm-3", "due_date": "2026-08-01"}]
    assert actions_from_form({"action_1_description": "", "action_2_owner_id": " "}) == []


def test_two_rows_on_the_audit_form_are_two_actions_of_the_findings():
    form = _audit_form(**FULL_ROW_1, action_2_description="Synthetic: visit",
                       action_2_owner_id="sw-1", action_2_due_date="2026-07-15")
    findings = AuditFindings.model_validate(findings_from_form(form))
    assert [(a.key, a.owner_id, a.due_date.isoformat()) for a in findings.actions] == [
        ("a1", "tm-1", "2026-07-01"), ("a2", "sw-1", "2026-07-15")]


def test_a_partly_filled_row_is_refused_on_each_empty_field_of_that_row():
    form = _audit_form(**FULL_ROW_1, action_3_owner_id="tm-3")  # row 2 left empty
    with pytest.raises(ValidationError) as refused:
        AuditFindings.model_validate(findings_from_form(form))
    errors = field_errors(refused.value, form)
    assert errors == {"action_3_description": MISSING, "action_3_due_date": MISSING}


def test_a_bad_date_is_named_on_its_row_with_the_models_message():
    form = _audit_form(action_2_description="Synthetic", action_2_owner_id="tm-2",
                       action_2_due_date="soon")
    with pytest.raises(ValidationError) as refused:
        AuditFindings.model_validate(findings_from_form(form))
    [(name, message)] = field_errors(refused.value, form).items()
    assert name == "action_2_due_date" and "valid date" in message


def test_the_checklist_uses_the_same_rows():
    form = {"action_2_description": "Synthetic", "action_2_due_date": "2026-07-01"}
    assert checklist_from_form(form)["actions"] == [
        {"key": "a2", "description": "Synthetic", "due_date": "2026-07-01"}]
    with pytest.raises(ValidationError) as refused:
        RecordConferenceChecklist.model_validate(checklist_from_form(form))
    assert observation_errors(refused.value, form)["action_2_owner_id"] == MISSING


def test_three_rows_are_offered_and_more_when_more_are_typed():
    assert list(action_rows({})) == [1, 2, 3]
    assert list(action_rows({"action_5_owner_id": "tm", "action_9_owner_id": " "})) == \
        [1, 2, 3, 4, 5]


def test_a_draft_saved_through_the_api_comes_back_as_rows():
    actions = [{"key": "a1", "description": "Synthetic one", "owner_id": "tm-1",
                "due_date": "2026-07-01"},
               {"key": "a2", "description": "Synthetic two", "owner_id": "tm-2",
                "due_date": "2026-07-02"}]
    values = values_from_draft({"actions": actions, "overall_grade": "good",
                                "standards": [{"standard": 3, "grade": "good"}],
                                "impact": {"grade": "good", "better_off": True}})
    assert values["action_2_description"] == "Synthetic two"
    assert values["std3_grade"] == "good" and values["impact_better_off"] == "on"
    assert actions_from_form(values) == actions  # saved again from the page: the same actions


def test_a_page_draft_keeps_its_rows_and_an_older_one_shows_its_action_in_row_1():
    page_draft = FULL_ROW_1 | {"action_2_owner_id": "tm-2", "std1_grade": "good"}
    assert values_from_draft(page_draft) == page_draft
    older = values_from_draft({"action_description": "Synthetic", "action_owner_id": "tm-1"})
    assert (older["action_1_description"], older["action_1_owner_id"]) == ("Synthetic", "tm-1")
