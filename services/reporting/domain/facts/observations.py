"""Facts of observations (qa.observation): practice, meetings, conference checklists."""

from __future__ import annotations

from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded

from .. import names
from ..periods import month_of
from .fact import Fact


def practice_observation_facts(e: PracticeObservationRecorded) -> list[Fact]:
    return [Fact(names.OBSERVATIONS, e.observation_id, {
        "kind": e.kind, "worker_id": e.worker_id, "observer_id": e.observer_id,
        "team_id": e.team_id, "observed_on": e.observed_on.isoformat(),
        "month": month_of(e.observed_on), "actions_raised": len(e.actions)})]


def meeting_observation_facts(e: MeetingObservationRecorded) -> list[Fact]:
    return [Fact(names.OBSERVATIONS, e.observation_id, {
        "kind": "meeting", "meeting_type": e.meeting_type, "observer_id": e.observer_id,
        "observer_role": e.observer_role, "team_id": e.team_id,
        "observed_on": e.observed_on.isoformat(), "month": month_of(e.observed_on),
        "aspects": {a.aspect: a.grade.value for a in e.aspects},
        "actions_raised": len(e.actions)})]


def checklist_facts(e: ConferenceChecklistRecorded) -> list[Fact]:
    noes = sum(1 for a in e.answers if a.answer == "no")
    return [Fact(names.CHECKLISTS, e.checklist_id, {
        "conference_type": e.conference_type, "chair_role": e.chair_role,
        "month": month_of(e.held_on), "team_id": e.team_id,
        "social_worker_id": e.social_worker_id, "line_manager_id": e.line_manager_id,
        "quality_grade": e.quality_grade.value, "impact_grade": e.impact_grade.value,
        "answers_no": noes, "escalation": noes > 0 or e.quality_grade.value == "inadequate"})]
