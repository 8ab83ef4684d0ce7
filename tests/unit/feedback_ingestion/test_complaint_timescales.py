"""Statutory complaint due dates in England working days, across Christmas, Easter and
substitute bank holidays (the holidays library's England calendar, via shared/workdays.py)."""

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from services.feedback_ingestion.domain.complaints import ComplaintIn, StageIn, schedule

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def test_stage_one_across_christmas_and_the_boxing_day_substitute():
    # Fri 18 Dec 2026: Christmas Day (Fri 25), Boxing Day's substitute (Mon 28 Dec) and New
    # Year's Day (Fri 1 Jan) are not working days, nor are the weekends.
    stage = schedule(StageIn(stage=1, started_on=date(2026, 12, 18)))
    assert stage.due_on == date(2027, 1, 6)
    assert stage.extended_due_on is None and stage.effective_due_on == date(2027, 1, 6)


def test_an_extended_stage_one_has_twenty_working_days():
    stage = schedule(StageIn(stage=1, started_on=date(2026, 12, 18), extended=True))
    assert stage.due_on == date(2027, 1, 6)
    assert stage.extended_due_on == date(2027, 1, 20) == stage.effective_due_on


def test_stage_one_across_easter():
    # Mon 22 Mar 2027: Good Friday 26 Mar and Easter Monday 29 Mar are bank holidays.
    assert schedule(StageIn(stage=1, started_on=date(2027, 3, 22))).due_on == date(2027, 4, 7)


def test_double_substitute_days_when_christmas_falls_on_a_saturday():
    # Christmas 2027 is a Saturday: Mon 27 and Tue 28 Dec are the substitute bank holidays.
    assert schedule(StageIn(stage=1, started_on=date(2027, 12, 20))).due_on == date(2028, 1, 6)


def test_stage_two_is_25_working_days_extendable_to_65():
    stage = schedule(StageIn(stage=2, started_on=date(2026, 12, 1), extended=True))
    assert stage.due_on == date(2027, 1, 8)  # Christmas, substitute Boxing Day, New Year
    assert stage.extended_due_on == date(2027, 3, 5)


def test_stage_three_panel_report_and_council_response():
    stage = schedule(StageIn(stage=3, started_on=date(2027, 3, 1), panel_on=date(2027, 3, 24)))
    assert stage.due_on == date(2027, 4, 14)  # 30 working days, Easter excluded
    assert stage.panel_report_due_on == date(2027, 4, 2)  # 5 working days, Easter excluded
    assert stage.council_response_due_on == date(2027, 4, 23)  # 15 working days later


def test_asking_for_the_next_stage_within_20_working_days_of_the_response():
    stage = schedule(StageIn(stage=1, started_on=date(2026, 12, 1),
                             responded_on=date(2026, 12, 14), outcome="not_upheld"))
    assert stage.next_stage_request_by == date(2027, 1, 14)


def test_stage_three_cannot_be_extended():
    with pytest.raises(ValidationError, match="no statutory extension"):
        StageIn(stage=3, started_on=date(2027, 1, 4), extended=True)


def test_a_complaint_without_stages_starts_stage_one_on_the_received_date():
    complaint = ComplaintIn(source_id="C-1", received_on=date(2026, 12, 18), complainant="child")
    fact = complaint.facts(revision=1, stored=None, now=NOW)[0]
    assert fact.current_stage == 1 and fact.stages[0].due_on == date(2027, 1, 6)
    assert fact.complaint_id == complaint.item_id()


def test_stages_must_follow_each_other():
    with pytest.raises(ValidationError, match="stage 2 starts after stage 1"):
        ComplaintIn(source_id="C-2", received_on=date(2026, 12, 1), complainant="parent_carer",
                    stages=[{"stage": 1, "started_on": "2026-12-01"},
                            {"stage": 2, "started_on": "2026-12-20"}])
    with pytest.raises(ValidationError, match="1, then 2"):
        ComplaintIn(source_id="C-3", received_on=date(2026, 12, 1), complainant="other",
                    stages=[{"stage": 2, "started_on": "2026-12-01"}])
