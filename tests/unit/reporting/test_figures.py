"""Reporting's pure rules: periods, sections, coverage, re-audits, tables, fact functions."""

from __future__ import annotations

from datetime import date

import pytest

from services.reporting.adapters.batch import set_fields
from services.reporting.domain import names, sections
from services.reporting.domain.briefing import BriefingFacts, monthly_briefing
from services.reporting.domain.coverage import coverage
from services.reporting.domain.facts import FACT_FUNCTIONS, case_key
from services.reporting.domain.packs import regrades
from services.reporting.domain.periods import months_back, quarter_months, quarter_of, shift
from services.reporting.domain.tables import BRIEFING_TABLES, rows_table
from tests.support.reporting_scenario import EXPECTED, month_of_events, subset_matches

pytestmark = pytest.mark.unit


def test_months_and_quarters():
    assert shift("2026-01", -1) == "2025-12" and shift("2026-12", 1) == "2027-01"
    assert months_back("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]
    assert quarter_months("2026-Q4") == ["2026-10", "2026-11", "2026-12"]
    assert quarter_of("2026-04") == "2026-Q2"


def test_stage_two_is_late_after_65_working_days():
    complaint = {"stages": [{"stage": 2, "started_on": "2026-01-05", "responded_on": None}]}
    assert not sections.stage2_overdue(complaint, date(2026, 3, 31))
    assert sections.stage2_overdue(complaint, date(2026, 4, 20))
    answered = {"stages": [{"stage": 2, "started_on": "2026-01-05", "responded_on": "2026-02-01"}]}
    assert not sections.stage2_overdue(answered, date(2027, 1, 1))


def test_actions_completed_in_time_and_overdue():
    rows = [{"due_date": "2026-11-10", "status": "open", "completed_on": None},
            {"due_date": "2026-11-30", "status": "completed", "completed_on": "2026-11-12"},
            {"due_date": "2026-11-05", "status": "completed", "completed_on": "2026-11-12"},
            {"due_date": "2026-11-01", "status": "cancelled", "completed_on": None}]
    figures = sections.actions(rows, rows, month="2026-11", as_of=date(2026, 11, 20))
    assert figures["overdue_now"] == 1 and figures["completed"] == 2
    assert figures["completed_in_time"] == 1 and figures["due"] == 3


def facts_from_events(month: str, team: str) -> BriefingFacts:
    by_collection: dict[str, dict[str, dict]] = {}
    for event in month_of_events(month, team, "Theme"):
        for fact in FACT_FUNCTIONS[type(event)](event):
            set_fields(by_collection.setdefault(fact.collection, {}).setdefault(
                fact.fact_id, {"_id": fact.fact_id}), fact.fields)
    rows = {c: list(d.values()) for c, d in by_collection.items()}
    return BriefingFacts(
        audits=rows[names.AUDITS], allocations=rows[names.ALLOCATIONS],
        moderations=rows[names.MODERATIONS], grade_changes=rows[names.GRADE_CHANGES],
        actions=rows[names.ACTIONS], complaints=rows[names.COMPLAINTS],
        feedback=rows[names.FEEDBACK], safety_links=rows[names.SAFETY_LINKS],
        observations=rows[names.OBSERVATIONS], programme=rows[names.PROGRAMME][0])


def test_the_briefing_from_the_scenario_matches_its_known_answers():
    month = "2030-06"
    body = monthly_briefing(facts_from_events(month, "team-u"), month=month,
                            months=months_back(month, 6), today=date(2030, 7, 1),
                            filters={"team": None, "theme": None})
    assert subset_matches(body, EXPECTED) == []
    assert body["audits"]["good_or_better_percent"] == 33.3  # as moderated
    for name, make in BRIEFING_TABLES.items():
        columns, rows = make(body)
        assert all(len(row) == len(columns) for row in rows), name


def test_an_empty_month_is_zeros_and_says_so():
    body = monthly_briefing(BriefingFacts(), month="2030-06", months=["2030-06"],
                            today=date(2030, 7, 1), filters={})
    assert body["empty"] and body["audits"]["completed"] == 0 and body["note"]


def test_coverage_marks_what_is_missing():
    staff = [{"_id": "sw-1", "team_id": "t", "job_role": "social worker", "asye": True,
              "line_manager_id": "tm-1"},
             {"_id": "tm-1", "team_id": "t", "job_role": "team manager"},
             {"_id": "hos-1", "team_id": "t", "job_role": "head of service"}]
    result = coverage(staff, [{"social_worker_id": "sw-1"}],
                      [{"kind": "asye", "worker_id": "sw-1"},
                       {"kind": "meeting", "observer_id": "hos-1",
                        "observer_role": "head_of_service"}])
    by_id = {r["person_id"]: r for r in result["workers"]}
    assert by_id["sw-1"]["complete"] is True
    assert by_id["tm-1"]["supervision_observed"] is False and not by_id["tm-1"]["complete"]
    assert result["meeting_observers"] == [{"person_id": "hos-1", "role": "head_of_service",
                                            "meetings_observed": 1, "needed": 2, "met": False}]


def test_re_audited_cases_compare_first_and_latest_grade():
    audits = [{"case_key": "a", "month": "2026-01", "overall_grade": "inadequate"},
              {"case_key": "a", "month": "2026-06", "overall_grade": "good"},
              {"case_key": "b", "month": "2026-02", "overall_grade": "good"}]
    assert regrades(audits) == {"re_audited": 1, "improved": 1, "same": 0, "declined": 0}


def test_facts_keep_no_case_reference_or_free_text():
    for event in month_of_events("2030-06", "team-u", "Theme"):
        for fact in FACT_FUNCTIONS[type(event)](event):
            text = repr(fact.fields)
            assert "TEST-CASE" not in text, event.event_type
            # the exception: the register of outstanding practice keeps the moderator's note
            written = (fact.fields.pop("note", "") if fact.collection == names.GOOD_PRACTICE
                       else "")
            assert "Synthetic" not in repr(fact.fields), event.event_type
            assert written in ("", "Synthetic: good practice.")
    assert case_key("X-1") == case_key("X-1") != case_key("X-2")
    assert rows_table([{"a": 1, "b": ["x", "y"], "as_of": 0}]) == (["a", "b"], [[1, "x, y"]])
