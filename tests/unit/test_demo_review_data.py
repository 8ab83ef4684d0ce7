"""The demo year's Review stage (tools/demo/review_data.py, pure): a clinic for every team
every 3 to 7 months from one of the first three, planned on the same day of the month (so up
to 6 months is on time); a QA Forum each quarter on one day; a member of each audit group
signs the findings; a clinic's minutes say what became of every carried priority."""

from __future__ import annotations

from datetime import date

from shared.months import months_back
from tools.demo.data import HEAD_OF_QUALITY, Population
from tools.demo.review_data import Review

MONTHS = months_back("2026-11", 12)


def review(seed: str = "demo-7-demo-team") -> Review:
    teams = [f"demo-team-{t:02d}" for t in range(1, 21)]
    return Review(Population(teams, 250, quality_team="demo-team-quality"), seed, MONTHS)


def test_every_team_has_clinics_every_three_to_seven_months():
    r = review()
    for team, held in r.clinic_months.items():
        assert held and MONTHS.index(held[0]) < 3, team
        gaps = [MONTHS.index(b) - MONTHS.index(a) for a, b in zip(held, held[1:])]
        assert all(3 <= g <= 7 for g in gaps), (team, gaps)
    assert 40 <= sum(len(h) for h in r.clinic_months.values()) <= 80


def test_the_next_clinic_is_planned_on_the_same_day():
    r = review()
    team = next(t for t, held in r.clinic_months.items() if len(held) > 1)
    first, second = r.clinic_months[team][:2]
    on = date.fromisoformat(f"{first}-14")
    assert r.next_clinic_on(team, first, on) == date.fromisoformat(f"{second}-14")
    after_the_year = r.next_clinic_on(team, r.clinic_months[team][-1], date(2026, 11, 9))
    assert after_the_year.day == 9 and date(2027, 2, 1) < after_the_year < date(2027, 6, 1)


def test_a_forum_each_quarter_on_one_day_chaired_by_the_head_of_quality():
    r = review()
    assert r.forum_months == [MONTHS[1], MONTHS[4], MONTHS[7], MONTHS[10]]
    assert len({r.forum_on(m).day for m in r.forum_months}) == 1
    body = r.forum(MONTHS[1], r.forum_on(MONTHS[1]))
    assert body["chair_id"] == HEAD_OF_QUALITY
    assert any(p.startswith("demo-sw-") for p in body["invited_ids"])  # frontline


def test_a_member_of_each_group_signs_the_findings():
    r = review()
    people = r.people
    signed = r.findings_signoffs()
    assert [next(g for g, ms in people.groups.items() if who in ms) for who, _ in signed] \
        == [1, 2, 3]


def test_a_clinic_reviews_every_carried_priority_and_a_first_clinic_raises_an_action():
    r = review()
    on = date(2026, 3, 10)
    first = r.clinic_minutes("demo-team-01", on, [], theme_n=1)
    assert len(first["clinic"]["priorities"]) == 2 and len(first["actions"]) == 1
    assert first["actions"][0]["owner_id"] == "demo-dm-01"
    carried = [{"priority_id": "p1"}, {"priority_id": "p2"}]
    later = r.clinic_minutes("demo-team-01", on, carried, theme_n=2)
    assert [o["priority_id"] for o in later["clinic"]["priority_outcomes"]] == ["p1", "p2"]


def test_the_head_of_quality_is_in_the_directory_only_when_asked():
    teams = ["demo-team-01"]
    assert HEAD_OF_QUALITY in Population(teams, 5, quality_team="q").directory_csv()
    assert HEAD_OF_QUALITY not in Population(teams, 5).directory_csv()  # ten years: as before
