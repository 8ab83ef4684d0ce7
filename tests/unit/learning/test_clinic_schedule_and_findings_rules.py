"""The clinic schedule (due within 6 months, alerts when due and not planned, overdue) and the
monthly findings' sign-off by the three audit groups, without I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from services.learning.domain.clinics import clinic_alert, schedule_for
from services.learning.domain.findings import SignSummary, WriteSummary, decide_group_signoff
from services.learning.domain.findings import decide_summary, signed_changes, summary_document
from services.learning.domain.refusals import Locked, NotAllowed, Refused
from shared.england_time import start_of_day

NOW = datetime(2026, 11, 20, 10, tzinfo=UTC)


def test_the_next_clinic_is_due_six_months_after_the_last_or_after_the_team_joined():
    assert schedule_for("t", known_since=date(2026, 1, 5), last_held_on=None,
                        planned_on=None).due_by == date(2026, 7, 5)
    assert schedule_for("t", known_since=date(2020, 1, 1), last_held_on=date(2026, 3, 31),
                        planned_on=None).due_by == date(2026, 9, 30)


def test_alerts_when_due_and_not_planned_then_overdue_once_each():
    schedule = schedule_for("t", known_since=date(2020, 1, 1), last_held_on=date(2026, 5, 1),
                            planned_on=None)  # due by 2026-11-01
    assert schedule.due(start_of_day(date(2026, 10, 1)), 28, set()) == []
    assert schedule.due(start_of_day(date(2026, 10, 5)), 28, set()) == ["clinic_due"]
    late = start_of_day(date(2026, 11, 2))
    assert schedule.due(late, 28, set()) == ["clinic_overdue"]  # both came: the later only
    done = schedule.passed(late, 28)
    assert schedule.due(late, 28, done) == [] and schedule.next_check(28, done) is None
    alert = clinic_alert(schedule, "clinic_overdue", head_of_service_id="hos-1", now=NOW)
    assert alert.urgent and alert.escalated_to == "hos-1" and alert.about_id == "t"


def test_no_alert_while_a_clinic_is_planned():
    schedule = schedule_for("t", known_since=date(2020, 1, 1), last_held_on=date(2025, 1, 1),
                            planned_on=date(2026, 12, 1))
    assert schedule.due(NOW + timedelta(days=400), 28, set()) == []
    assert schedule.next_check(28, set()) is None


def summary() -> dict:
    event = decide_summary("2026-10", None, WriteSummary(headline_themes=["Drift in plans"]),
                           by="hoq-1", now=NOW)
    return {**summary_document(event), "version": 1}


def test_a_member_of_each_group_signs_off_agreeing_or_commenting():
    current = summary()
    for group, verdict in ((1, "agree"), (2, "comment"), (3, "agree")):
        event = decide_group_signoff(current, SignSummary(verdict=verdict, comment="Synthetic"),
                                     person={"audit_group": group}, who=f"p{group}", now=NOW)
        changes = signed_changes(current, event)
        current = {**current, "status": changes["status"],
                   "signoffs": {**current["signoffs"], str(group): changes[f"signoffs.{group}"]}}
    assert event.complete and event.groups_signed == [1, 2, 3]
    assert current["status"] == "signed_off"


def test_findings_refusals():
    with pytest.raises(NotAllowed):
        decide_group_signoff(summary(), SignSummary(verdict="agree"), person={}, who="x", now=NOW)
    with pytest.raises(Refused) as refused:
        decide_group_signoff(summary(), SignSummary(verdict="comment"),
                             person={"audit_group": 1}, who="x", now=NOW)
    assert refused.value.field == "comment"
    signed = {**summary(), "signoffs": {"2": {"person_id": "p2"}}}
    with pytest.raises(Locked):
        decide_group_signoff(signed, SignSummary(verdict="agree"), person={"audit_group": 2},
                             who="p9", now=NOW)
    with pytest.raises(Locked):
        decide_summary("2026-10", signed, WriteSummary(headline_themes=["x"]), by="h", now=NOW)
