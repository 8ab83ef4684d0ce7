"""The case list's child protection plan columns: a CP row's plan goes to learning; plan
data without a start date is refused on that column, naming the row."""

from __future__ import annotations

from services.audit_capture.domain.selection import CaseListRow, parse_cases

HEADER = "case_ref,team_id,category,cp_plan_start_date,cp_plan_number,cp_plan_end_date\n"


def test_a_cp_row_carries_its_plan_and_other_rows_none():
    rows, problems = parse_cases(HEADER + "TEST-1,team-a,CP,2024-01-02,2,\n"
                                          "TEST-2,team-a,CIN,,,\nTEST-3,team-a,CP,,,\n")
    assert problems == []
    plans = [CaseListRow(**r).plan() for r in rows]
    assert plans[0].plan_start_date.isoformat() == "2024-01-02" and plans[0].plan_number == 2
    assert plans[1] is None
    assert plans[2].plan_start_date is None  # a CP case the list gives no date: shown, not proposed


def test_plan_data_without_its_start_date_is_refused_on_that_column():
    _, problems = parse_cases(HEADER + "TEST-1,team-a,CP,,2,\n")
    assert problems == [(["row", 2, "cp_plan_start_date"],
                         "a child protection plan needs its start date (YYYY-MM-DD)")]


def test_the_old_four_columns_still_import():
    rows, problems = parse_cases("case_ref,team_id,category\nTEST-1,team-a,CIN\n")
    assert problems == [] and rows[0]["cp_plan_start_date"] is None
