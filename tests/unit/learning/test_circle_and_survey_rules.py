"""Learning circles' and the staff survey's rules (pure): the 18-month boundary to the day,
a second plan, an ended plan, no plan; a proposal without a plan start date refused on that
field; a circle every 8 weeks; an anonymous answer holds no person; results beside the year
before's."""

from __future__ import annotations

from datetime import date

import pytest

from schemas.circles import ChildProtectionPlan
from services.learning.domain import circles, survey
from services.learning.domain.circles import ProposeChild
from services.learning.domain.refusals import Locked, Refused


def plan(start: date | None, number: int | None = 1, ended: date | None = None,
         ref: str = "TEST-CASE-1") -> ChildProtectionPlan:
    return ChildProtectionPlan(case_ref=ref, team_id="team-x", plan_start_date=start,
                               plan_number=number, plan_end_date=ended)


def test_a_first_plan_qualifies_on_the_day_it_reaches_18_months_not_the_day_before():
    start = date(2025, 1, 15)
    assert circles.why_qualifies(plan(start), date(2026, 7, 14)) is None
    assert "18 months" in circles.why_qualifies(plan(start), date(2026, 7, 15))


def test_18_months_from_a_day_the_later_month_lacks_is_its_last_day():
    assert circles.months_later(date(2024, 8, 31), 18) == date(2026, 2, 28)
    assert circles.why_qualifies(plan(date(2024, 8, 31)), date(2026, 2, 27)) is None
    assert circles.why_qualifies(plan(date(2024, 8, 31)), date(2026, 2, 28))


def test_a_second_or_later_plan_qualifies_at_once():
    on = date(2026, 3, 1)
    assert "second" in circles.why_qualifies(plan(date(2026, 2, 20), number=2), on)
    assert "third" in circles.why_qualifies(plan(date(2026, 2, 20), number=3), on)


def test_an_ended_plan_no_plan_and_a_plan_not_yet_started_do_not_qualify():
    on = date(2026, 9, 1)
    assert circles.why_qualifies(plan(date(2024, 1, 1), ended=date(2026, 8, 31)), on) is None
    assert circles.why_qualifies(plan(None), on) is None
    assert circles.why_qualifies(plan(date(2026, 9, 2), number=2), on) is None
    # Ending later than the day judged: still on the plan.
    assert circles.why_qualifies(plan(date(2024, 1, 1), ended=date(2026, 9, 2)), on)


def test_proposed_leaves_out_those_circled_and_puts_the_longest_on_a_plan_first():
    plans = [plan(date(2024, 6, 1), ref="TEST-B"), plan(date(2023, 1, 1), ref="TEST-A"),
             plan(date(2026, 1, 1), ref="TEST-C"), plan(date(2025, 12, 1), 2, ref="TEST-D")]
    found = circles.proposed(plans, on=date(2026, 6, 1), circled={"TEST-B"})
    assert [c["case_ref"] for c in found] == ["TEST-A", "TEST-D"]


def test_a_circle_every_8_weeks_from_the_last_or_from_today():
    kids = [{"case_ref": "TEST-A"}, {"case_ref": "TEST-B"}]
    planned = circles.schedule(kids, last_circle_on=date(2026, 1, 5), on=date(2026, 1, 20))
    assert [s["circle_on"] for s in planned] == ["2026-03-02", "2026-04-27"]
    overdue = circles.schedule(kids, last_circle_on=date(2025, 1, 5), on=date(2026, 1, 20))
    assert overdue[0]["circle_on"] == "2026-01-20"
    assert circles.schedule(kids, last_circle_on=None, on=date(2026, 1, 20))[0][
        "circle_on"] == "2026-01-20"


def test_a_child_without_a_plan_start_date_cannot_be_proposed_and_the_field_is_named():
    with pytest.raises(Refused) as refused:
        circles.decide_proposal(ProposeChild(case_ref="TEST-CASE-9", team_id="team-x"),
                                today=date(2026, 5, 1))
    assert refused.value.field == "plan_start_date"


QUESTIONS = survey.SetQuestions(title="Fictional survey", questions=[
    "Audits help me reflect", "I get the feedback I need"])


def test_an_answer_holds_the_survey_the_day_and_ratings_and_nothing_of_the_person():
    current = survey.decide_questions(2026, QUESTIONS, answered=0, by="hoq-1")
    answer = survey.decide_answer(current, survey.AnswerSurvey(ratings={"q1": 4, "q2": 2}),
                                  today=date(2026, 6, 3))
    dumped = answer.model_dump(mode="json")
    assert set(dumped) == {"answer_id", "survey_id", "year", "answered_on", "ratings"}
    assert dumped["answered_on"] == "2026-06-03"
    assert "hoq-1" not in str(dumped)


def test_every_question_rated_1_to_5_and_questions_fixed_once_answered():
    current = survey.decide_questions(2026, QUESTIONS, answered=0, by="hoq-1")
    with pytest.raises(Refused) as refused:
        survey.decide_answer(current, survey.AnswerSurvey(ratings={"q1": 4, "q2": 6}),
                             today=date(2026, 6, 3))
    assert refused.value.field == "ratings.q2"
    with pytest.raises(Locked):
        survey.decide_questions(2026, QUESTIONS, answered=1, by="hoq-1")


def test_results_put_the_same_statement_from_the_year_before_beside():
    now = survey.decide_questions(2026, QUESTIONS, answered=0, by="hoq-1")
    before = survey.decide_questions(2025, survey.SetQuestions(
        title="Fictional survey", questions=["I get the feedback I need"]), answered=0, by="x")
    found = survey.results(now, [{"ratings": {"q1": 4, "q2": 2}}, {"ratings": {"q1": 5, "q2": 3}}],
                           before, [{"ratings": {"q1": 1}}])
    first, second = found["questions"]
    assert (first["mean"], first["before"]) == (4.5, None)
    assert (second["mean"], second["before"]["mean"]) == (2.5, 1.0)
    assert second["spread"] == {"1": 0, "2": 1, "3": 1, "4": 0, "5": 0}
    assert found["answers_before"] == 1


def test_days_at_the_calendar_s_end_give_no_error():
    assert circles.why_qualifies(plan(date(9999, 12, 1)), date(9999, 12, 31)) is None
    assert circles.schedule([{"case_ref": "TEST-A"}, {"case_ref": "TEST-B"}],
                            last_circle_on=date(9999, 12, 30), on=date(9999, 12, 31)) == [
        {"circle_on": "9999-12-31", "case_ref": "TEST-A"}, {"circle_on": None, "case_ref": "TEST-B"}]
