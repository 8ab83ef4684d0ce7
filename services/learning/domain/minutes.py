"""Minutes (pure): what a held meeting recorded, the chair's sign-off after which they are
immutable, and corrections as new signed versions with a reason."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from schemas.audit import RaisedAction
from schemas.base import EventData, Id
from schemas.learning import AgreedPriority, ClinicOutcomes, DecisionRecorded, EscalatedTheme
from schemas.learning import MeetingKind, MinutesSignedOff, PriorityAgreed, ThemeAnswered
from schemas.learning import ThemeEscalated
from shared.envelope import derived_id

from .meetings import CANCELLED, HELD, SCHEDULED, SIGNED_OFF
from .refusals import Locked, NotAllowed, Refused

Text = Field(min_length=1, max_length=4000)


class SupportNeed(BaseModel):
    """A person the clinic decided needs more: seen only by their managers and the head of
    service (support.py), never published."""

    person_id: Id
    need: Literal["support", "direction", "guidance", "training"]
    note: str = Field(default="", max_length=2000)


class PriorityOutcome(BaseModel):
    priority_id: Id
    outcome: Literal["met", "partly_met", "not_met", "dropped"]
    note: str = Field(default="", max_length=2000)


class ClinicMinutes(BaseModel):
    priorities: list[str] = Field(default_factory=list, max_length=20)
    priority_outcomes: list[PriorityOutcome] = Field(
        default_factory=list, description="What became of the last clinic's priorities")
    learning_sessions: list[str] = Field(default_factory=list, max_length=20)
    coaching_requested: list[str] = Field(default_factory=list, max_length=20)
    escalated_themes: list[EscalatedTheme] = Field(default_factory=list, max_length=20)
    support: list[SupportNeed] = Field(default_factory=list, max_length=50)


class ThemeAnswer(BaseModel):
    """A QA Forum's answer to a theme a clinic escalated: the escalating meeting and the
    theme's id there (a theme is known by both)."""

    meeting_id: Id = Field(description="The meeting that escalated the theme")
    theme_id: Id
    answer: str = Text


def theme_key(meeting_id: str, theme_id: str) -> str:
    """An escalated theme's identity across meetings (a theme id is its meeting's own)."""
    return f"{meeting_id}/{theme_id}"


class Minutes(BaseModel):
    notes: str = Field(default="", max_length=20_000)
    findings: list[str] = Field(default_factory=list, max_length=50)
    recommendations: list[str] = Field(default_factory=list, max_length=50)
    decisions: list[str] = Field(default_factory=list, max_length=50)
    no_decisions: bool = Field(default=False, description="Recorded: the meeting decided nothing")
    actions: list[RaisedAction] = Field(default_factory=list, max_length=100)
    clinic: ClinicMinutes | None = None
    answers: list[ThemeAnswer] = Field(
        default_factory=list, max_length=50,
        description="A QA Forum's answers to open escalated themes")


class Correction(BaseModel):
    reason: str = Text
    minutes: Minutes


def check_editable(meeting: dict[str, Any], minutes: Minutes) -> None:
    if meeting["status"] == SIGNED_OFF:
        raise Locked(
            f"the minutes were signed off (version {meeting['minutes_version']}) and cannot be "
            f"edited; to correct them the chair posts /meetings/{meeting['_id']}/corrections "
            "with a reason and the corrected minutes, which become a new version")
    if meeting["status"] == SCHEDULED:
        raise Locked("record who attended (the meeting was held) before its minutes")
    if meeting["status"] == CANCELLED:
        raise Locked("this meeting was cancelled: it has no minutes")
    if minutes.answers and meeting["kind"] != MeetingKind.QA_FORUM:
        raise Refused("answers", "escalated themes are answered at the QA Forum")
    keys = [theme_key(a.meeting_id, a.theme_id) for a in minutes.answers]
    for n, key in enumerate(keys):
        if key in keys[:n]:
            raise Refused(f"answers.{n}.theme_id", "this theme is answered once already")
    if minutes.clinic is not None and meeting["kind"] != MeetingKind.PERFORMANCE_CLINIC:
        raise Refused("clinic", "only a performance clinic records clinic outcomes")
    carried = {p["priority_id"] for p in meeting.get("carried_priorities", [])}
    for n, outcome in enumerate(minutes.clinic.priority_outcomes if minutes.clinic else []):
        if outcome.priority_id not in carried:
            raise Refused(f"clinic.priority_outcomes.{n}.priority_id",
                          "is not one of the priorities carried in from the last clinic")


def check_signable(meeting: dict[str, Any], minutes: Minutes | None, who: str) -> Minutes:
    if minutes is None:
        raise Refused("minutes", "record the minutes before signing them off")
    if not meeting.get("chair_id"):
        raise Refused("chair_id", "a meeting is signed off by its chair: record who chaired it")
    if meeting["chair_id"] != who:
        raise NotAllowed(f"only the chair ({meeting['chair_id']}) signs the minutes off")
    if not minutes.decisions and not minutes.no_decisions:
        raise Refused("decisions", "record at least one decision, or that there were none "
                                   "(no_decisions)")
    if minutes.decisions and minutes.no_decisions:
        raise Refused("no_decisions", "decisions are recorded: leave no_decisions unset")
    return minutes


def decide_sign_off(meeting: dict[str, Any], who: str, now: datetime,
                    correction: Correction | None = None,
                    themes: dict[str, dict[str, Any]] | None = None) -> list[EventData]:
    """The minutes signed off (first) or a correction signed off as the next version: the
    signed minutes, and each decision, priority, theme and answer not published before.
    `themes`: the escalated themes the minutes answer, by `theme_key` (their team)."""
    if correction is None:
        if meeting["status"] != HELD:
            check_editable(meeting, Minutes())  # says why (signed off, or not held)
        minutes = check_signable(meeting, _stored(meeting), who)
    else:
        if meeting["status"] != SIGNED_OFF:
            raise Locked("the minutes are not signed off yet: edit them instead")
        minutes = check_signable(meeting, correction.minutes, who)
    version = meeting["minutes_version"] + 1
    signed = MinutesSignedOff(
        meeting_id=meeting["_id"], kind=meeting["kind"], team_id=meeting.get("team_id"),
        held_on=meeting["held_on"], chair_id=meeting["chair_id"], version=version,
        correction_reason=correction.reason if correction else None, signed_off_at=now,
        findings=minutes.findings, recommendations=minutes.recommendations,
        decisions=minutes.decisions, no_decisions=minutes.no_decisions,
        actions=minutes.actions, clinic=_outcomes(meeting, minutes))
    answers = [ThemeAnswered(
        answer_id=derived_id("answer", meeting["_id"], theme_key(a.meeting_id, a.theme_id)),
        theme_id=a.theme_id, meeting_id=meeting["_id"], escalated_by_meeting_id=a.meeting_id,
        team_id=_theme(themes, a).get("team_id"), escalated_on=_theme(themes, a).get("escalated_on"),
        answer=a.answer, answered_on=signed.held_on) for a in minutes.answers]
    return [signed, *_new_facts(meeting, signed, answers)]


def signed_changes(meeting: dict[str, Any], events: list[EventData],
                   correction: Correction | None) -> dict[str, Any]:
    signed = events[0]
    assert isinstance(signed, MinutesSignedOff)
    minutes = correction.minutes.model_dump(mode="json") if correction else meeting["minutes"]
    version = {"version": signed.version, "reason": signed.correction_reason,
               "signed_off_at": signed.signed_off_at, "minutes": minutes}
    return {"status": SIGNED_OFF, "minutes": minutes, "minutes_version": signed.version,
            "signed_off_at": signed.signed_off_at,
            "signed_outcomes": signed.clinic.model_dump(mode="json") if signed.clinic else None,
            "answered_theme_keys": [theme_key(a["meeting_id"], a["theme_id"])
                                    for a in minutes.get("answers", [])],
            "versions": [*meeting.get("versions", []), version],
            "published_ids": sorted(set(meeting.get("published_ids", []))
                                    | {_fact_id(e) for e in events[1:]})}


def _stored(meeting: dict[str, Any]) -> Minutes | None:
    return Minutes.model_validate(meeting["minutes"]) if meeting.get("minutes") else None


def _outcomes(meeting: dict[str, Any], minutes: Minutes) -> ClinicOutcomes | None:
    if minutes.clinic is None:
        return None
    outcomes = {o.priority_id: o for o in minutes.clinic.priority_outcomes}
    carried = [{**p, **(outcomes[p["priority_id"]].model_dump()
                        if p["priority_id"] in outcomes else {})}
               for p in meeting.get("carried_priorities", [])]
    return ClinicOutcomes(
        priorities=[AgreedPriority(priority_id=priority_id(meeting["_id"], text), text=text)
                    for text in minutes.clinic.priorities],
        carried_priorities=carried, learning_sessions=minutes.clinic.learning_sessions,
        coaching_requested=minutes.clinic.coaching_requested,
        escalated_themes=minutes.clinic.escalated_themes)


def _theme(themes: dict[str, dict[str, Any]] | None, answer: ThemeAnswer) -> dict[str, Any]:
    return (themes or {}).get(theme_key(answer.meeting_id, answer.theme_id)) or {}


def priority_id(meeting_id: str, text: str) -> str:
    return derived_id("priority", meeting_id, text.strip())


def _new_facts(meeting: dict[str, Any], signed: MinutesSignedOff,
               answers: list[ThemeAnswered]) -> list[EventData]:
    on = signed.held_on
    facts: list[EventData] = [
        DecisionRecorded(decision_id=derived_id("decision", meeting["_id"], text),
                         meeting_id=meeting["_id"], kind=signed.kind, text=text,
                         decided_on=on) for text in signed.decisions]
    if signed.clinic is not None:
        facts += [PriorityAgreed(priority_id=p.priority_id, meeting_id=meeting["_id"],
                                 team_id=meeting["team_id"], text=p.text, agreed_on=on)
                  for p in signed.clinic.priorities]
        facts += [ThemeEscalated(theme_id=t.theme_id, meeting_id=meeting["_id"],
                                 team_id=meeting.get("team_id"), text=t.text, to=t.to,
                                 escalated_on=on) for t in signed.clinic.escalated_themes]
    facts += answers
    published = set(meeting.get("published_ids", []))
    return [f for f in facts if _fact_id(f) not in published]


def _fact_id(fact: EventData) -> str:
    return getattr(fact, "answer_id", None) or getattr(fact, "decision_id", None) \
        or getattr(fact, "priority_id", None) or getattr(fact, "theme_id")
