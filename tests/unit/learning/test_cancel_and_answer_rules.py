"""A meeting called off (only before it is held), and a QA Forum answering the themes clinics
escalated: only a Forum answers, each theme once, published once as meeting.theme_answered
(issue 12)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from schemas.learning import MeetingKind, ThemeAnswered
from services.learning.domain.meetings import CancelMeeting, HoldMeeting, ScheduleMeeting
from services.learning.domain.meetings import cancelled_changes, decide_cancel, decide_hold
from services.learning.domain.meetings import decide_schedule, held_changes, scheduled_document
from services.learning.domain.minutes import Correction, Minutes, ThemeAnswer, check_editable
from services.learning.domain.minutes import decide_sign_off, signed_changes, theme_key
from services.learning.domain.refusals import Locked, Refused

NOW = datetime(2026, 11, 20, 10, tzinfo=UTC)
TODAY = date(2026, 11, 20)


def meeting(kind: MeetingKind, **changes) -> dict:
    command = ScheduleMeeting(kind=kind, title="Synthetic meeting", scheduled_for=date(2026, 11, 10),
                              chair_id="hoq-1",
                              team_id="team-1" if kind == MeetingKind.PERFORMANCE_CLINIC else None)
    event = decide_schedule(command, meeting_id=f"m-{kind.value}", carried=[])
    return {**scheduled_document(event, command), "version": 1, **changes}


def held(m: dict) -> dict:
    command = HoldMeeting(held_on=date(2026, 11, 10))
    return {**m, **held_changes(decide_hold(m, command, today=TODAY, previous_held_on=None),
                                command)}


def test_a_scheduled_meeting_is_cancelled_with_a_reason_and_then_neither_held_nor_minuted():
    clinic = meeting(MeetingKind.PERFORMANCE_CLINIC)
    event = decide_cancel(clinic, CancelMeeting(reason="Synthetic: the room flooded"), today=TODAY)
    assert (event.event_type, event.team_id, event.cancelled_on) == (
        "meeting.cancelled", "team-1", TODAY)
    cancelled = {**clinic, **cancelled_changes(event)}
    assert cancelled["status"] == "cancelled"
    for attempt in (lambda: decide_cancel(cancelled, CancelMeeting(reason="again"), today=TODAY),
                    lambda: decide_hold(cancelled, HoldMeeting(held_on=TODAY), today=TODAY,
                                        previous_held_on=None),
                    lambda: check_editable(cancelled, Minutes())):
        with pytest.raises(Locked):
            attempt()
    with pytest.raises(Refused) as refused:
        decide_cancel(clinic, CancelMeeting(reason="   "), today=TODAY)
    assert refused.value.field == "reason"


def test_a_held_meeting_is_not_cancelled():
    with pytest.raises(Locked) as locked:
        decide_cancel(held(meeting(MeetingKind.QA_FORUM)), CancelMeeting(reason="x"), today=TODAY)
    assert "correct its minutes" in str(locked.value)


def test_only_a_forum_answers_escalated_themes_each_once():
    answer = ThemeAnswer(meeting_id="clinic-1", theme_id="t1", answer="Synthetic answer")
    with pytest.raises(Refused) as refused:
        check_editable(held(meeting(MeetingKind.PERFORMANCE_CLINIC)), Minutes(answers=[answer]))
    assert refused.value.field == "answers"
    with pytest.raises(Refused) as refused:
        check_editable(held(meeting(MeetingKind.QA_FORUM)), Minutes(answers=[answer, answer]))
    assert refused.value.field == "answers.1.theme_id"


def test_a_forums_signed_answers_are_published_once_each_with_the_theme_they_answer():
    forum = held(meeting(MeetingKind.QA_FORUM))
    minutes = Minutes(decisions=["Synthetic decision"], answers=[
        ThemeAnswer(meeting_id="clinic-1", theme_id="t1", answer="Synthetic: guidance revised")])
    forum = {**forum, "minutes": minutes.model_dump(mode="json")}
    themes = {theme_key("clinic-1", "t1"): {"team_id": "team-1", "escalated_on": "2026-09-01"}}
    events = decide_sign_off(forum, "hoq-1", NOW, themes=themes)
    answered = [e for e in events if isinstance(e, ThemeAnswered)]
    assert len(answered) == 1
    assert (answered[0].escalated_by_meeting_id, answered[0].team_id, answered[0].meeting_id,
            answered[0].escalated_on) == ("clinic-1", "team-1", forum["_id"], date(2026, 9, 1))
    signed = {**forum, **signed_changes(forum, events, None), "version": 2}
    assert signed["answered_theme_keys"] == ["clinic-1/t1"]
    again = decide_sign_off(signed, "hoq-1", NOW,
                            Correction(reason="Synthetic typo", minutes=minutes), themes)
    assert not [e for e in again if isinstance(e, ThemeAnswered)]


def test_a_quarter_spans_its_three_months_to_the_calendars_last_year():
    from services.learning.domain.governance import quarter_span

    assert quarter_span("2024-Q1")[1] == date(2024, 3, 31)
    assert quarter_span("9999-Q4")[:2] == (date(9999, 10, 1), date(9999, 12, 31))
