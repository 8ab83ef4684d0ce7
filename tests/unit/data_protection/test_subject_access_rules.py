"""Subject access rules: the statutory month, one step at a time, third parties marked."""

from __future__ import annotations

from datetime import date

import pytest

from services.data_protection.domain.subject_access import Progress, StepRefused, due_date
from services.data_protection.domain.subject_access import next_step, third_party


@pytest.mark.parametrize("received,due", [
    (date(2031, 3, 14), date(2031, 4, 14)), (date(2031, 1, 31), date(2031, 2, 28)),
    (date(2032, 1, 31), date(2032, 2, 29)), (date(2031, 12, 5), date(2032, 1, 5)),
])
def test_due_one_calendar_month_from_receipt(received, due):
    assert due_date(received) == due


def test_a_request_moves_forward_one_step_at_a_time():
    assert next_step(Progress.RECEIVED, Progress.GATHERING) is Progress.GATHERING
    with pytest.raises(StepRefused, match="next step is review"):
        next_step(Progress.GATHERING, Progress.RELEASED)
    with pytest.raises(StepRefused, match="has been released"):
        next_step(Progress.RELEASED, Progress.RECEIVED)


def test_in_a_childs_bundle_staff_and_other_children_are_marked():
    held = {"audits": [{"case_ref": "TEST-CASE-1", "auditor_ids": ["a-1"], "grade": "good",
                        "cases": [{"case_ref": "TEST-CASE-2"}, {"case_ref": "TEST-CASE-1"}]}]}
    assert third_party(held, kind="child", reference="TEST-CASE-1") == [
        "audits[0].auditor_ids", "audits[0].cases[0].case_ref"]


def test_in_a_staff_bundle_children_and_colleagues_are_marked():
    held = {"people": [{"person_id": "sw-1", "display_name": "Fictional Worker",
                        "line_manager_id": "tm-1", "case_ref": "TEST-CASE-1"}]}
    assert third_party(held, kind="staff", reference="sw-1") == [
        "people[0].display_name", "people[0].line_manager_id", "people[0].case_ref"]
