"""Facts of the Review stage (qa.learning): meetings held (on time or not, by kind),
priorities clinics agreed and what became of them, themes escalated and the QA Forum's
answers. Counts, kinds and dates only: never the minutes' text.

What a later meeting says about an earlier one's priority or theme is a fact of its own
(`priority_outcome_facts`, `theme_answer_facts`, with the same id): the two travel on
different meetings' partitions, so neither may overwrite the other's fields."""

from __future__ import annotations

from schemas.learning import MeetingCancelled, MeetingHeld, MeetingScheduled, MinutesSignedOff
from schemas.learning import PriorityAgreed, ThemeAnswered, ThemeEscalated

from .. import names
from ..periods import month_of
from .fact import Fact


def theme_fact_id(meeting_id: str, theme_id: str) -> str:
    """An escalated theme's identity: its meeting and its id there (learning's theme_key)."""
    return f"{meeting_id}/{theme_id}"


def meeting_scheduled_facts(e: MeetingScheduled) -> list[Fact]:
    return [Fact(names.MEETINGS, e.meeting_id, {
        "kind": e.kind.value, "team_id": e.team_id, "status": "scheduled",
        "scheduled_for": e.scheduled_for.isoformat(), "month": month_of(e.scheduled_for)})]


def meeting_held_facts(e: MeetingHeld) -> list[Fact]:
    return [Fact(names.MEETINGS, e.meeting_id, {
        "kind": e.kind.value, "team_id": e.team_id, "status": "held",
        "held_on": e.held_on.isoformat(), "month": month_of(e.held_on), "on_time": e.on_time,
        "attendees": len(e.attendee_ids), "guests": e.guests_attended})]


def meeting_cancelled_facts(e: MeetingCancelled) -> list[Fact]:
    return [Fact(names.MEETINGS, e.meeting_id, {
        "kind": e.kind.value, "team_id": e.team_id, "status": "cancelled",
        "cancelled_on": e.cancelled_on.isoformat()})]


def minutes_signed_off_facts(e: MinutesSignedOff) -> list[Fact]:
    facts = [Fact(names.MEETINGS, e.meeting_id, {
        "kind": e.kind.value, "team_id": e.team_id, "status": "signed_off",
        "held_on": e.held_on.isoformat(), "month": month_of(e.held_on),
        "decisions": len(e.decisions), "actions": len(e.actions),
        "minutes_version": e.version})]
    for carried in (e.clinic.carried_priorities if e.clinic else []):
        if carried.outcome is not None:
            facts.append(Fact(names.PRIORITY_OUTCOMES, carried.priority_id, {
                "outcome": carried.outcome, "team_id": e.team_id,
                "agreed_at_meeting_id": carried.from_meeting_id,
                "reviewed_at_meeting_id": e.meeting_id, "reviewed_on": e.held_on.isoformat(),
                "month": month_of(e.held_on)}))
    return facts


def priority_agreed_facts(e: PriorityAgreed) -> list[Fact]:
    return [Fact(names.PRIORITIES, e.priority_id, {
        "meeting_id": e.meeting_id, "team_id": e.team_id, "agreed_on": e.agreed_on.isoformat(),
        "month": month_of(e.agreed_on)})]


def theme_escalated_facts(e: ThemeEscalated) -> list[Fact]:
    return [Fact(names.ESCALATED_THEMES, theme_fact_id(e.meeting_id, e.theme_id), {
        "meeting_id": e.meeting_id, "team_id": e.team_id, "to": e.to,
        "escalated_on": e.escalated_on.isoformat(), "month": month_of(e.escalated_on)})]


def theme_answered_facts(e: ThemeAnswered) -> list[Fact]:
    return [Fact(names.THEME_ANSWERS, theme_fact_id(e.escalated_by_meeting_id, e.theme_id), {
        "answered_by_meeting_id": e.meeting_id, "team_id": e.team_id,
        "answered_on": e.answered_on.isoformat(), "month": month_of(e.answered_on),
        "escalated_month": month_of(e.escalated_on) if e.escalated_on else None})]
