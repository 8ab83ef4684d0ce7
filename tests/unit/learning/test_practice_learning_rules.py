"""The practice learning team's rules (issue 13): annual review due dates, marking an item
reviewed once, what followed an item, ASYE review points, and the L&D programme's targets,
attendance and before/after grade comparison."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.learning.domain.asye import RecordAsye, decide_asye, evidence, period_of
from services.learning.domain.asye import review_points
from services.learning.domain.development import CreateItem, DeliverSession, attended
from services.learning.domain.development import compare, comparison_window, decide_delivery
from services.learning.domain.development import decide_item
from services.learning.domain.practice_learning import MarkReviewed, RecordAnnualReview
from services.learning.domain.practice_learning import add_months, decide_annual_review
from services.learning.domain.practice_learning import decide_reviewed, review_due
from services.learning.domain.practice_learning import review_list, what_followed
from services.learning.domain.refusals import Locked, Refused

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


def test_months_are_added_to_the_same_day_or_the_month_end():
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)
    assert add_months(date(2026, 8, 31), 3) == date(2026, 11, 30)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_the_annual_review_is_due_a_year_after_the_last_or_the_first_observation():
    first = date(2025, 12, 1)
    assert review_due(first_observed_on=first, last_reviewed_on=None,
                      today=date(2026, 11, 2)) == (date(2026, 12, 1), "not_due")
    assert review_due(first_observed_on=first, last_reviewed_on=None,
                      today=date(2026, 11, 3)) == (date(2026, 12, 1), "due")  # 28 days before
    assert review_due(first_observed_on=first, last_reviewed_on=None,
                      today=date(2026, 12, 2)) == (date(2026, 12, 1), "overdue")
    assert review_due(first_observed_on=first, last_reviewed_on=date(2026, 6, 1),
                      today=date(2026, 12, 2)) == (date(2027, 6, 1), "not_due")


def test_the_review_list_puts_the_most_overdue_first():
    rows = review_list([{"worker_id": "a", "first_observed_on": "2026-01-01"},
                        {"worker_id": "b", "first_observed_on": "2025-01-01",
                         "last_reviewed_on": "2025-06-01"}], today=date(2026, 11, 2))
    assert [(r["worker_id"], r["state"]) for r in rows] == [("b", "overdue"), ("a", "not_due")]


def test_an_annual_review_needs_observations_and_a_date_not_in_the_future():
    command = RecordAnnualReview(worker_id="sw", reviewed_on=date(2026, 11, 2),
                                 key_learning="Fictional: strong direct work")
    with pytest.raises(Refused) as refused:
        decide_annual_review(command, observed=False, today=date(2026, 11, 2), by="plt", new_id="r")
    assert refused.value.field == "worker_id"
    with pytest.raises(Refused) as refused:
        decide_annual_review(command.model_copy(update={"reviewed_on": date(2026, 11, 3)}),
                             observed=True, today=date(2026, 11, 2), by="plt", new_id="r")
    assert refused.value.field == "reviewed_on"
    assert decide_annual_review(command, observed=True, today=date(2026, 11, 2), by="plt",
                                new_id="r")["reviewed_by"] == "plt"


def test_an_item_is_reviewed_once_with_its_note():
    item = {"_id": "audit-a1", "status": "to_review"}
    changes = decide_reviewed(item, MarkReviewed(note="Fictional note"), by="plt", now=NOW)
    assert changes["status"] == "reviewed" and changes["review"]["by"] == "plt"
    with pytest.raises(Locked):
        decide_reviewed({**item, **changes}, MarkReviewed(note="again"), by="plt", now=NOW)


def test_what_followed_is_the_workers_next_audit_and_observation_after_the_item():
    item = {"ref_id": "a1", "on": "2026-05-10", "month": "2026-04"}
    audits = [{"_id": "a0", "month": "2026-02", "overall_grade": "inadequate", "impact_grade": "good"},
              {"_id": "a1", "month": "2026-04", "overall_grade": "requires_improvement",
               "impact_grade": "good"},
              {"_id": "a3", "month": "2026-09", "overall_grade": "good", "impact_grade": "good"},
              {"_id": "a2", "month": "2026-07", "overall_grade": "outstanding", "impact_grade": "good"}]
    observations = [{"_id": "o1", "on": "2026-05-01", "kind": "practice", "grade": None},
                    {"_id": "c1", "on": "2026-06-20", "kind": "checklist", "grade": "good"}]
    followed = what_followed(item, audits=audits, observations=observations)
    assert followed["next_audit"]["id"] == "a2"
    assert followed["next_audit"]["overall_grade"] == "outstanding"
    assert followed["next_observation"] == {"id": "c1", "on": "2026-06-20", "kind": "checklist",
                                            "grade": "good"}
    assert what_followed(item, audits=audits[:2], observations=[]) == {
        "next_audit": None, "next_observation": None}


def test_asye_review_points_fall_at_3_6_and_12_months_and_say_which_is_next():
    points = review_points(date(2026, 8, 31), today=date(2026, 12, 1))
    assert [(p["months"], p["on"], p["state"]) for p in points] == [
        (3, "2026-11-30", "passed"), (6, "2027-02-28", "next"), (12, "2027-08-31", "upcoming")]
    assert [p["state"] for p in review_points(date(2025, 1, 1), today=date(2026, 11, 2))] == \
        ["passed"] * 3


def test_asye_evidence_falls_in_its_period_of_the_year():
    start = date(2026, 1, 10)
    assert period_of(date(2026, 1, 9), start) == "before the ASYE year"
    assert period_of(date(2026, 4, 9), start) == "months 0 to 3"
    assert period_of(date(2026, 4, 10), start) == "months 3 to 6"
    assert period_of(date(2026, 12, 1), start) == "months 6 to 12"
    assert period_of(date(2027, 1, 10), start) == "after the ASYE year"
    pieces = evidence(start, [{"kind": "audit", "id": "a", "on": "2026-05-01T10:00:00"},
                              {"kind": "observation", "id": "o", "on": "2026-02-01"}])
    assert [(p["id"], p["period"]) for p in pieces] == [("o", "months 0 to 3"),
                                                       ("a", "months 3 to 6")]


def test_an_asye_record_names_a_person_in_the_directory():
    with pytest.raises(Refused) as refused:
        decide_asye(RecordAsye(person_id="nobody", started_on=date(2026, 9, 1)), person=None,
                    by="plt", today=date(2026, 11, 2))
    assert refused.value.field == "person_id"
    record = decide_asye(RecordAsye(person_id="sw", started_on=date(2026, 9, 1)),
                         person={"_id": "sw"}, by="plt", today=date(2026, 11, 2))
    assert record == {"_id": "sw", "started_on": "2026-09-01", "recorded_by": "plt"}


TEAMS = [{"_id": "t1", "service_area": "North"}, {"_id": "t2", "service_area": "South"}]


def test_a_programme_item_targets_a_team_or_area_in_the_directory_or_the_whole_service():
    source = {"kind": "good_practice", "ref": "gp-1", "text": "Fictional: outstanding direct work"}
    with pytest.raises(ValueError, match="name the team"):
        CreateItem(title="x", source=source, scope="team")
    for scope, field, value in (("team", "team_id", "t9"), ("area", "area", "East")):
        with pytest.raises(Refused) as refused:
            decide_item(CreateItem(title="x", source=source, scope=scope, **{field: value}),
                        teams=TEAMS, by="psw", now="n", new_id="i")
        assert refused.value.field == field
    item = decide_item(CreateItem(title="x", source=source, scope="service", team_id="t1"),
                       teams=TEAMS, by="psw", now="n", new_id="i")
    assert item["target"] == {"scope": "service", "team_id": None, "area": None}


def test_attendance_names_people_in_the_directory_and_gives_the_teams_that_attended():
    item = {"sessions": [{"session_id": "s1", "status": "scheduled", "scheduled_for": "2026-10-01"}]}
    people = {"a": {"team_id": "t1"}, "b": {"team_id": "t2"}}
    with pytest.raises(Refused) as refused:
        decide_delivery(item, "s1", DeliverSession(delivered_on=date(2026, 10, 1),
                                                   attendee_ids=["a", "zz"]),
                        people=people, today=date(2026, 11, 2))
    assert refused.value.field == "attendee_ids.1"
    sessions = decide_delivery(item, "s1", DeliverSession(delivered_on=date(2026, 10, 1),
                                                          attendee_ids=["a", "b", "a"]),
                               people=people, today=date(2026, 11, 2))
    assert sessions[0]["attendee_ids"] == ["a", "b"]
    assert attended({"sessions": sessions}) == ("2026-10", ["t1", "t2"])
    with pytest.raises(Locked):
        decide_delivery({"sessions": sessions}, "s1", DeliverSession(
            delivered_on=date(2026, 10, 1), attendee_ids=["a"]), people=people,
            today=date(2026, 11, 2))


def test_grades_before_and_after_the_first_session_are_compared():
    assert comparison_window("2026-10") == (("2026-04", "2026-09"), ("2026-11", "2027-04"))
    result = compare(["requires_improvement", "inadequate", "good"], ["good", "outstanding"])
    assert result["before"]["good_or_better_percent"] == 33
    assert result["after"]["good_or_better_percent"] == 100
    assert result["change"] == "better"
    assert compare(["good"], ["requires_improvement"])["change"] == "worse"
    assert compare(["good"], ["outstanding"])["change"] == "better"  # same share, higher score
    assert compare(["good"], [])["change"] == "not_known_yet"
    assert compare(["good"], ["good"])["change"] == "unchanged"
