"""The Review cycle in reporting, without I/O: qa.learning's events as facts (no minutes'
text), and the briefing's and impact report's review section: meetings held on time by
kind, priorities agreed and met, escalated themes and the Forum's answers (issue 12)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from schemas.learning import CarriedPriority, ClinicOutcomes, MeetingCancelled, MeetingHeld
from schemas.learning import MeetingScheduled, MinutesSignedOff, PriorityAgreed, ThemeAnswered
from schemas.learning import ThemeEscalated
from services.reporting.adapters.batch import fold
from services.reporting.domain import names
from services.reporting.domain.briefing import BriefingFacts, monthly_briefing
from services.reporting.domain.facts import FACT_FUNCTIONS
from services.reporting.domain.packs import impact_report
from services.reporting.domain.tables import BRIEFING_TABLES

AT = datetime(2026, 11, 1, tzinfo=UTC)
CLINIC, FORUM = "performance_clinic", "qa_forum"


def facts_of(*events) -> dict[str, list[dict]]:
    pending = []
    for n, event in enumerate(events):
        for fact in FACT_FUNCTIONS[type(event)](event):
            pending.append((fact.collection, fact.fact_id, fact.fields,
                            AT.replace(minute=n)))
    by_collection: dict[str, list] = {}
    for collection in {p[0] for p in pending}:
        by_collection[collection] = list(fold(p for p in pending if p[0] == collection).values())
    return by_collection


def events() -> list:
    return [
        MeetingScheduled(meeting_id="c1", kind=CLINIC, title="Synthetic", team_id="team-1",
                         scheduled_for=date(2026, 9, 3)),
        MeetingHeld(meeting_id="c1", kind=CLINIC, team_id="team-1", held_on=date(2026, 9, 3),
                    on_time=True),
        PriorityAgreed(priority_id="p1", meeting_id="c1", team_id="team-1",
                       text="Synthetic priority", agreed_on=date(2026, 9, 3)),
        ThemeEscalated(theme_id="t1", meeting_id="c1", team_id="team-1",
                       text="Synthetic theme", to="senior_managers", escalated_on=date(2026, 9, 3)),
        MeetingScheduled(meeting_id="c2", kind=CLINIC, title="Synthetic", team_id="team-1",
                         scheduled_for=date(2026, 11, 2)),
        MeetingHeld(meeting_id="c2", kind=CLINIC, team_id="team-1", held_on=date(2026, 11, 2),
                    on_time=False),
        MinutesSignedOff(meeting_id="c2", kind=CLINIC, team_id="team-1",
                         held_on=date(2026, 11, 2), chair_id="tm-1", version=1, signed_off_at=AT,
                         decisions=["Synthetic decision"], clinic=ClinicOutcomes(
                             carried_priorities=[CarriedPriority(
                                 priority_id="p1", text="Synthetic priority",
                                 from_meeting_id="c1", outcome="met")])),
        MeetingScheduled(meeting_id="f1", kind=FORUM, title="Synthetic",
                         scheduled_for=date(2026, 11, 20)),
        MeetingHeld(meeting_id="f1", kind=FORUM, held_on=date(2026, 11, 20), on_time=True),
        ThemeAnswered(answer_id="a1", theme_id="t1", meeting_id="f1",
                      escalated_by_meeting_id="c1", team_id="team-1",
                      escalated_on=date(2026, 9, 3), answer="Synthetic answer",
                      answered_on=date(2026, 11, 20)),
        MeetingScheduled(meeting_id="f0", kind=FORUM, title="Synthetic",
                         scheduled_for=date(2026, 11, 5)),
        MeetingCancelled(meeting_id="f0", kind=FORUM, scheduled_for=date(2026, 11, 5),
                         reason="Synthetic reason", cancelled_on=date(2026, 11, 1)),
    ]


def briefing_facts(by: dict[str, list[dict]]) -> BriefingFacts:
    return BriefingFacts(meetings=by[names.MEETINGS], priorities=by[names.PRIORITIES],
                         priority_outcomes=by[names.PRIORITY_OUTCOMES],
                         escalated_themes=by[names.ESCALATED_THEMES],
                         theme_answers=by[names.THEME_ANSWERS])


def test_learning_events_leave_counts_and_dates_never_the_text():
    by = facts_of(*events())
    for rows in by.values():
        for row in rows:
            assert not any("Synthetic" in str(v) for v in row.values()), row
    assert {t["_id"] for t in by[names.THEME_ANSWERS]} == {"c1/t1"}
    assert by[names.PRIORITY_OUTCOMES][0]["outcome"] == "met"


def test_the_briefing_and_impact_report_show_the_review_cycle():
    f = briefing_facts(facts_of(*events()))
    november = monthly_briefing(f, month="2026-11", months=["2026-10", "2026-11"],
                                today=date(2026, 11, 30), filters={})["review"]
    assert november["by_kind"] == {CLINIC: {"held": 1, "on_time": 0},
                                   FORUM: {"held": 1, "on_time": 1}}
    assert (november["meetings_held"], november["held_on_time"], november["cancelled"],
            november["decisions"]) == (2, 1, 1, 1)
    assert (november["priorities_reviewed"], november["priorities_met"],
            november["themes_answered"]) == (1, 1, 1)
    september = monthly_briefing(f, month="2026-09", months=["2026-09"],
                                 today=date(2026, 11, 30), filters={})["review"]
    assert (september["priorities_agreed"], september["themes_escalated"],
            september["escalated_themes_answered_since"], september["escalated_themes_open"]) \
        == (1, 1, 1, 0)
    year = impact_report(f, months=[f"2026-{m:02d}" for m in range(1, 12)],
                         as_of=date(2026, 11, 30))["review"]
    assert (year["meetings_held"], year["priorities_met_percent"], year["themes_escalated"],
            year["escalated_themes_answered_since"]) == (3, 100.0, 1, 1)
    columns, rows = BRIEFING_TABLES["review"]({"review": year})
    assert ["All meetings held", 3, 2] in rows and columns[0] == "Figure"
