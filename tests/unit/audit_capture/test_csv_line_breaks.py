"""A bare carriage return inside an unquoted CSV field is a problem naming its row, not a
500 (issue 18, defect 7: csv.Error escaped the parsers); quoted, it is kept."""

from __future__ import annotations

from services.audit_capture.domain.directory import parse_staff_csv
from services.audit_capture.domain.selection import parse_cases

STAFF = "person_id,display_name,team_id,job_role\nsw-1,Test Worker,team-a,Social worker\n"


def test_a_staff_csv_with_a_bare_carriage_return_names_the_row():
    staff, _, problems = parse_staff_csv(STAFF + "sw-2,Test\rWorker,team-a,Social worker\n")
    [(location, message)] = [(p["loc"], p["msg"]) for p in problems]
    assert location == ["row", 3] and "quotes" in message
    assert [s.person_id for s in staff] == ["sw-1"]


def test_a_quoted_carriage_return_is_part_of_the_field():
    staff, _, problems = parse_staff_csv(STAFF + 'sw-2,"Test\rWorker",team-a,Social worker\n')
    assert problems == [] and staff[1].display_name == "Test\rWorker"


def test_a_case_list_with_a_bare_carriage_return_names_the_row():
    rows, problems = parse_cases("case_ref,team_id,category\nTEST-C1,team-a,C\rP\n")
    assert rows == [] and problems[0][0] == ["row", 2]
