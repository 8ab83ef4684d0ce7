"""The feedback summary's and staff briefing sheet's rules (issue 13), pure: half-years,
ratings, complaints by the stage reached and by each stage's outcome in the period, each
team's figures, and lessons that could identify someone refused on their line."""

from __future__ import annotations

from services.reporting.domain import feedback_summary as fs


def complaint(team: str, month: str, stages: list[tuple[int, str | None, str | None]],
              **fields) -> dict:
    return {"team_id": team, "month": month, "current_stage": max(s for s, _, _ in stages),
            "stages": [{"stage": s, "responded_on": on, "outcome": outcome, "within": True}
                       for s, on, outcome in stages], **fields}


def test_half_years_run_january_to_june_and_july_to_december():
    assert fs.half_months("2026-H1") == [f"2026-0{m}" for m in range(1, 7)]
    assert fs.half_months("2026-H2")[0] == "2026-07" and fs.half_months("2026-H2")[-1] == "2026-12"
    assert (fs.half_of("2026-06"), fs.half_of("2026-07")) == ("2026-H1", "2026-H2")


def test_ratings_count_each_score_and_average_only_rated_items():
    items = [{"rating": 5}, {"rating": 2}, {"rating": None}, {}]
    assert fs.ratings(items) == {"rated": 2, "by_rating": {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1},
                                 "average": 3.5}
    assert fs.ratings([])["average"] is None


def test_outcomes_are_counted_for_responses_given_in_the_period_by_stage():
    months = ["2026-07", "2026-08", "2026-09"]
    late = complaint("t1", "2026-06", [(1, "2026-07-02", "upheld")])  # received before
    now = complaint("t2", "2026-08", [(1, "2026-08-09", "not_upheld"), (2, None, None)])
    c = fs.complaints_by_stage([now], [late, now], months)
    assert c["received"] == 1 and c["by_stage_reached"] == {"1": 0, "2": 1, "3": 0}
    assert c["responses"] == 2
    assert c["outcomes_by_stage"]["1"] == {"upheld": 1, "partly_upheld": 0, "not_upheld": 1}
    assert c["outcomes_by_stage"]["2"] == {"upheld": 0, "partly_upheld": 0, "not_upheld": 0}


def test_each_team_adds_up_its_own_feedback_compliments_and_complaints():
    items = [{"team_id": "a", "source": "compliment"}, {"team_id": "a", "rating": 4,
                                                        "source": "customer_feedback"},
             {"team_id": "b", "rating": 1, "source": "customer_feedback"}, {"source": "momo"}]
    rows = fs.by_team(items, [complaint("b", "2026-07", [(1, None, None)])])
    assert rows == [{"team_id": "a", "feedback": 2, "average_rating": 4.0, "compliments": 1,
                     "complaints": 0},
                    {"team_id": "b", "feedback": 1, "average_rating": 1.0, "compliments": 0,
                     "complaints": 1}]


def test_tables_never_show_a_complaints_own_reference():
    s = fs.summary([], [complaint("a", "2026-07", [(1, None, None)], reference="CMP-4821")],
                   [], months=["2026-07"])
    assert "CMP-4821" not in repr(fs.tables(s))


def test_a_lesson_that_could_identify_someone_is_refused_on_its_line():
    refused = fs.lessons_refused(["Tell families when a worker changes",
                                  "Call back within 2 working days, Covid-19 or not",
                                  "See TEST-CASE-ab12cd34ef", "email a.worker@example.org",
                                  "Ring 07700900123"])
    assert sorted(refused) == ["lessons.2", "lessons.3", "lessons.4"]
