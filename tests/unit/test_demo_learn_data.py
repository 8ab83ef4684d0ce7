"""The demo year's Learn stage (tools/demo/learn_data.py and learn_programme_data.py, pure):
the case list's child protection plans, a circle every 8 weeks for a child who qualifies,
supervision after audits, the practice learning team's work, the L&D programme, the staff
survey and the staff briefing's lessons: varied, plausible and reproducible."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from schemas.circles import ChildProtectionPlan
from services.learning.domain.circles import months_later, why_qualifies
from shared.months import months_back
from tools.demo.data import Population
from tools.demo.learn_data import CIRCLE_EVERY, Audited, LearnCases
from tools.demo.learn_programme_data import LearnProgramme

TODAY = date(2026, 12, 5)
MONTHS = months_back("2026-11", 12)
TEAMS = [f"demo-team-{t:02d}" for t in range(1, 21)]


def people() -> Population:
    return Population(TEAMS, 250, quality_team="demo-team-quality",
                      leadership_team="demo-team-leadership")


def cases(run: str = "demo-7-demo-team") -> LearnCases:
    return LearnCases(people(), run, MONTHS, today=TODAY)


def audits() -> list[Audited]:
    return [Audited(f"audit-{m}-{n}", m, TEAMS[n % 20], f"demo-sw-{n % 20 + 1:02d}-01",
                    date.fromisoformat(f"{m}-{n % 20 + 2:02d}")) for m in MONTHS for n in range(60)]


def test_some_children_on_long_or_second_plans_most_not():
    listed = list(csv.DictReader(io.StringIO(cases().case_list(MONTHS[-1]))))
    on_plan = [r for r in listed if r["cp_plan_start_date"]]
    assert all(r["category"] == "CP" for r in on_plan) and len(listed) == 200
    long = [r for r in on_plan if r["cp_plan_number"] == "1" and date.fromisoformat(
        r["cp_plan_start_date"]) <= TODAY - timedelta(days=548)]
    second = [r for r in on_plan if r["cp_plan_number"] == "2"]
    assert len(second) == 20 and 20 <= len(long) <= 35
    assert len(long) + len(second) < len(listed) / 2  # most children are neither
    assert all(r["social_worker_id"].startswith("demo-sw-") for r in listed)


def test_a_plan_not_started_by_the_month_is_not_listed_yet():
    early = cases().case_list(MONTHS[0])
    starts = [date.fromisoformat(r["cp_plan_start_date"]) for r in csv.DictReader(
        io.StringIO(early)) if r["cp_plan_start_date"]]
    assert starts and max(starts) <= date(2025, 12, 31)
    assert early.count("\n") < cases().case_list(MONTHS[-1]).count("\n")


def test_circles_every_eight_weeks_each_for_a_child_who_qualifies_that_day():
    c = cases()
    held = c.circles()
    days = [date.fromisoformat(h["held_on"]) for h in held]
    assert 5 <= len(held) <= 7 and days[-1] <= TODAY
    assert all(b - a == CIRCLE_EVERY for a, b in zip(days, days[1:]))
    children = {child.case_ref: child for child in c.children}
    assert all(children[h["case_ref"]].qualifies(d) for h, d in zip(held, days))
    assert len({h["case_ref"] for h in held}) == len(held)  # each child once
    assert all(h["learning"] and h["actions"][0]["owner_id"].startswith("demo-dm-")
               for h in held)


def test_the_demo_proposes_whom_learning_would():
    """The demo picks each circle's child by learning's own rule (domain/circles.py)."""
    on = TODAY - timedelta(days=100)
    for child in cases().children:
        plan = ChildProtectionPlan(case_ref=child.case_ref, team_id=child.team,
                                   plan_start_date=child.plan_start,
                                   plan_number=child.plan_number)
        assert child.qualifies(on) == (why_qualifies(plan, on) is not None), child
        if child.plan_number == 1:
            stuck_from = months_later(child.plan_start, 18)
            assert child.qualifies(stuck_from) and not child.qualifies(
                stuck_from - timedelta(days=1))


def test_supervision_discusses_the_audit_after_it_with_a_next_step_for_the_worker():
    c, done = cases(), audits()
    chosen = c.supervised(done)
    assert len(chosen) == 12 * 6
    session = c.supervision(chosen[0])
    assert session["discussed"] == [{"kind": "audit", "id": chosen[0].audit_id}]
    held = date.fromisoformat(session["held_on"])
    assert chosen[0].submitted_on < held <= TODAY and len(session["agreed"]) == 2
    assert session["actions"][0]["owner_id"] == chosen[0].worker
    managers = c.manager_supervisions(done)
    assert len(managers) == 4 * 4  # each head of service, each quarter
    assert all(body["supervisee_id"].startswith("demo-tm-") and head.startswith("demo-hos-")
               for head, _, body in managers)


def test_every_team_manager_holds_supervision_in_a_thin_year():
    """A month of four audits has one discussed in supervision: by chance alone a team could
    go all year without one (a fresh-clone run's demo test saw it); the teams take turns."""
    thin = [Audited(f"audit-{m}-{n}", m, TEAMS[n], f"demo-sw-{n + 1:02d}-01",
                    date.fromisoformat(f"{m}-{n + 2:02d}")) for m in MONTHS for n in range(4)]
    for run in [f"demo-{n}-thin" for n in range(100)]:  # the old draw missed a team in 6%
        chosen = cases(run).supervised(thin)
        assert len(chosen) == len(MONTHS) and {a.team for a in chosen} == set(TEAMS[:4])


def test_the_practice_learning_team_reviews_part_of_its_queue():
    c, done = cases(), audits()
    reviews = c.queue_reviews(done, [f"observation-{n}" for n in range(20)])
    audit_reviews = [i for i, _ in reviews if i.startswith("audit-")]
    assert 0.08 * len(done) < len(audit_reviews) < 0.17 * len(done)
    assert 4 <= len(reviews) - len(audit_reviews) <= 16
    observed = [("demo-sw-01-02", date(2026, 1, 9)), ("demo-sw-01-02", date(2026, 5, 1)),
                ("demo-sw-02-01", date(2026, 2, 3))]
    annual = c.annual_reviews(observed)
    assert [a["worker_id"] for a in annual] == ["demo-sw-01-02", "demo-sw-02-01"]
    assert all(date.fromisoformat(a["reviewed_on"]) <= TODAY for a in annual)
    asye = c.asye()
    assert len(asye) == 4 and all(a["started_on"][:7] in MONTHS for a in asye)


def test_the_programme_comes_from_each_source_for_a_team_an_area_and_the_service():
    p = LearnProgramme(people(), "demo-7-demo-team", MONTHS, today=TODAY)
    items = p.items()
    assert {i["source"]["kind"] for i in items} >= {"finding", "good_practice",
                                                    "escalated_theme"}
    assert {i["scope"] for i in items} == {"team", "area", "service"}
    team_item = next(i for i in items if i["scope"] == "team")
    attended = p.attendees(team_item)
    assert attended and all(a.endswith(team_item["team_id"][-2:]) or
                            a.split("-")[2] == team_item["team_id"][-2:] for a in attended)
    assert all(s["title"].startswith(items[0]["title"]) for s in p.sessions(items[0]))


def test_the_survey_is_answered_by_a_good_share_a_little_better_this_year():
    p = LearnProgramme(people(), "demo-7-demo-team", MONTHS, today=TODAY)
    assert p.survey_years() == [2025, 2026]
    before, now = p.questions(2025), p.questions(2026)
    assert before["questions"] == now["questions"][:-1]  # one statement new this year
    staff = 20 * 12
    assert 0.45 * staff < len(p.respondents(2025)) < len(p.respondents(2026)) < 0.75 * staff
    questions = [{"id": f"q{n}"} for n in range(1, 6)]
    mean = {y: sum(sum(p.ratings(y, questions).values()) for _ in range(200)) / 1000
            for y in (2025, 2026)}
    assert 3 < mean[2025] < mean[2026] < 4.2


def test_lessons_for_each_half_year_the_demo_touches_with_nothing_that_looks_like_a_ref():
    p = LearnProgramme(people(), "demo-7-demo-team", MONTHS, today=TODAY)
    assert p.halves() == ["2025-H2", "2026-H1", "2026-H2"]
    lessons = p.lessons()["lessons"]
    assert len(lessons) == 3 and not any(ch.isdigit() for lesson in lessons for ch in lesson)


def test_reproducible_and_apart_from_the_rest_of_the_year():
    assert cases().circles() == cases().circles()
    assert cases().case_list(MONTHS[-1]) != cases("another-run").case_list(MONTHS[-1])


def test_heads_of_service_and_the_practice_learning_team_only_when_asked():
    with_them = people()
    csv_text = with_them.directory_csv()
    assert "demo-hos-04,Demo Head of Service 04" in csv_text and "demo-plt-01" in csv_text
    assert set(with_them.area_of.values()) == set(with_them.heads_of_service)
    plain = Population(TEAMS, 250)
    assert "demo-hos-" not in plain.directory_csv() and not plain.heads_of_service
