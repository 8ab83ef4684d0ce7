"""The Learn stage in reporting's briefing and impact report (pure): results shared within
the framework's two-week audit window, audits discussed in supervision afterwards, learning
sessions with the attending teams' grades before beside after; empty periods in words."""

from __future__ import annotations

from services.reporting.domain.learn import RESULTS_EXPECTED_WITHIN_DAYS, learn
from services.reporting.domain.tables import learn as learn_table
from services.reporting.domain.tables import sessions as sessions_table


def shared(audit_id: str, month: str, on: str, team: str = "team-a") -> dict:
    return {"_id": audit_id, "month": month, "team_id": team, "shared_on": on,
            "completed_with_caseworker": audit_id == "a1"}


def test_results_shared_by_the_windows_end_count_as_within_the_expectation():
    results = [shared("a1", "2026-03", "2026-03-14"), shared("a2", "2026-03", "2026-03-15"),
               shared("a3", "2026-03", "2026-03-20")]
    # a3's allocation gave it a later window: its deadline, not the month's default, counts.
    allocations = [{"audit_id": "a3", "deadline": "2026-03-22"}]
    body = learn(results=results, allocations=allocations, discussions=[], supervisions=[],
                 sessions=[], grades=[])
    assert RESULTS_EXPECTED_WITHIN_DAYS == 14
    assert (body["results_shared"], body["shared_within_expectation"]) == (3, 2)
    assert body["completed_with_caseworker"] == 1
    assert body["note"] is None


def test_only_a_supervision_held_after_the_results_were_shared_counts_as_discussing_them():
    results = [shared("a1", "2026-03", "2026-03-10"), shared("a2", "2026-03", "2026-03-10")]
    discussions = [{"audit_id": "a1", "held_on": "2026-03-20"},
                   {"audit_id": "a1", "held_on": "2026-03-25"},  # twice: one audit
                   {"audit_id": "a2", "held_on": "2026-03-01"}]  # before its results
    supervisions = [{"_id": "s1", "kind": "worker"}, {"_id": "s2", "kind": "team_manager"}]
    body = learn(results=results, allocations=[], discussions=discussions,
                 supervisions=supervisions, sessions=[], grades=[])
    assert body["discussed_in_supervision"] == 1
    assert body["discussed_in_supervision_percent"] == 50
    assert body["supervision_sessions_by_kind"] == {"worker": 1, "team_manager": 1}


def test_a_sessions_attending_teams_grades_before_beside_after():
    session = {"_id": "s1", "item_id": "ld-1", "item_title": "Synthetic item",
               "session_title": "Synthetic session", "scope": "team", "target_team_id": "team-a",
               "delivered_on": "2026-03-05", "month": "2026-03",
               "attended_team_ids": ["team-a", "team-b"], "attendees": 7}
    grades = [{"team_id": "team-a", "month": "2026-01", "overall_grade": "requires_improvement"},
              {"team_id": "team-b", "month": "2026-02", "overall_grade": "good"},
              {"team_id": "team-a", "month": "2026-03", "overall_grade": "inadequate"},  # neither
              {"team_id": "team-a", "month": "2026-05", "overall_grade": "good"},
              {"team_id": "team-b", "month": "2026-06", "overall_grade": "outstanding"},
              {"team_id": "team-c", "month": "2026-05", "overall_grade": "inadequate"}]
    body = learn(results=[], allocations=[], discussions=[], supervisions=[],
                 sessions=[session], grades=grades)
    row = body["sessions"][0]
    assert (row["before"]["audits"], row["before"]["good_or_better_percent"]) == (2, 50)
    assert (row["after"]["audits"], row["after"]["good_or_better_percent"]) == (2, 100)
    assert row["change"] == "better" and row["target"] == "team-a"
    assert body["attendees"] == 7
    one_team = learn(results=[], allocations=[], discussions=[], supervisions=[],
                     sessions=[session], grades=grades, team="team-b")["sessions"][0]
    assert (one_team["before"]["audits"], one_team["after"]["audits"]) == (1, 1)
    columns, rows = sessions_table({"learn": body})
    assert rows[0][columns.index("Grades after")] == "Better"


def test_an_empty_period_says_so_in_words():
    body = learn(results=[], allocations=[], discussions=[], supervisions=[], sessions=[],
                 grades=[])
    assert body["note"].startswith("No audit results were shared")
    assert body["shared_within_expectation_percent"] is None
    columns, rows = learn_table({"learn": body})
    assert ["Learning sessions delivered", 0] in rows
