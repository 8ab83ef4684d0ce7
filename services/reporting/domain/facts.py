"""What reporting keeps of each event: counts and categories, no free text (pure).

Each function turns one event into the fact documents it sets: (collection, id, fields).
Adding an event to reporting is one function here and one line in `FACT_FUNCTIONS`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from schemas.action import ActionAssigned, ActionRaised, ActionStatusChanged
from schemas.alert import AlertRaised
from schemas.audit import AuditGradeChanged, AuditModerated, AuditSubmitted
from schemas.audit import SafeguardingConcernRaised, ThemedAuditRecorded
from schemas.base import EventData
from schemas.briefing import BriefingSignedOff
from schemas.complaint import ComplaintRecorded
from schemas.directory import StaffMemberUpserted, TeamUpserted
from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered
from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded
from schemas.performance import LocalityIndicatorRecorded
from schemas.programme import CaseAllocated, CaseSampleDrawn, ProgrammeMonthPlanned

from . import names


class Fact(NamedTuple):
    collection: str
    fact_id: str
    fields: dict[str, Any]


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")


def case_key(case_ref: str) -> str:
    """A stable pseudonym, so re-audits of one case can be matched without its reference."""
    return hashlib.sha256(f"qa-reporting:{case_ref}".encode()).hexdigest()[:16]


def audit_facts(e: AuditSubmitted) -> list[Fact]:
    return [Fact(names.AUDITS, e.audit_id, {
        "month": e.month, "team_id": e.team_id, "auditor_ids": e.auditor_ids,
        "social_worker_id": e.social_worker_id, "line_manager_id": e.line_manager_id,
        "case_key": case_key(e.case_ref), "allocation_id": e.allocation_id,
        "overall_grade": e.overall_grade.value,
        "standards": {str(s.standard): s.grade.value for s in e.standards},
        "impact_grade": e.impact.grade.value, "better_off": e.impact.better_off,
        "has_pace": e.impact.has_pace, "child_seen_alone": e.child_seen_alone,
        "child_view": e.child_view.status, "parent_view": e.parent_view.status,
        "on_time": e.on_time, "submitted_on": e.submitted_at.date().isoformat(),
        "actions_raised": len(e.actions), "status": "submitted"})]


def moderation_facts(e: AuditModerated) -> list[Fact]:
    return [Fact(names.MODERATIONS, e.moderation_id, {
        "audit_id": e.audit_id, "month": e.month, "team_id": e.team_id,
        "moderator_id": e.moderator_id, "overall_agree": e.overall_agree,
        "agreed_count": e.agreed_count, "judgements": 7,
        "overall_grade": e.overall_grade.value})]


def grade_change_facts(e: AuditGradeChanged) -> list[Fact]:
    which = "overall" if e.standard is None else str(e.standard)
    return [Fact(names.GRADE_CHANGES, f"{e.moderation_id}:{which}", {
        "audit_id": e.audit_id, "month": e.month, "team_id": e.team_id, "judgement": which,
        "previous_grade": e.previous_grade.value, "grade": e.grade.value})]


def concern_facts(e: SafeguardingConcernRaised) -> list[Fact]:
    return [Fact(names.CONCERNS, e.concern_id, {
        "audit_id": e.audit_id, "team_id": e.team_id, "month": month_of(e.raised_at)})]


def themed_audit_facts(e: ThemedAuditRecorded) -> list[Fact]:
    answers: dict[str, int] = {}
    for a in e.answers:
        answers[a.answer] = answers.get(a.answer, 0) + 1
    return [Fact(names.THEMED_AUDITS, e.themed_audit_id, {
        "theme_id": e.theme_id, "theme": e.theme_title, "month": e.month,
        "team_id": e.team_id, "answers": answers, "multi_agency": bool(e.partner_agencies)})]


def programme_facts(e: ProgrammeMonthPlanned) -> list[Fact]:
    return [Fact(names.PROGRAMME, e.month, {
        "month": e.month, "theme": e.theme, "audit_group": e.audit_group,
        "moderation_group": e.moderation_group, "improvement_group": e.improvement_group,
        "moderation_sample_size": e.moderation_sample_size})]


def sample_facts(e: CaseSampleDrawn) -> list[Fact]:
    return [Fact(names.SAMPLES, e.month, {"month": e.month, "size": e.size,
                                          "method": e.method})]


def allocation_facts(e: CaseAllocated) -> list[Fact]:
    return [Fact(names.ALLOCATIONS, e.allocation_id, {
        "month": e.month, "team_id": e.team_id, "deadline": e.deadline.isoformat(),
        "audit_id": e.audit_id, "social_worker_id": e.social_worker_id})]


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


def feedback_facts(e: FeedbackItemAccepted) -> list[Fact]:
    return [Fact(names.FEEDBACK, e.item_id, {
        "source": e.source, "month": month_of(e.received_on), "team_id": e.team_id,
        "themes": e.themes, "rating": e.rating, "revision": e.revision,
        "partner_kind": e.partner_kind, "statement_kind": e.statement_kind,
        "child_view": e.source == "momo"})]


def safety_link_facts(e: SafetyLinkTriggered) -> list[Fact]:
    return [Fact(names.SAFETY_LINKS, e.item_id, {
        "month": month_of(e.received_on), "team_id": e.team_id})]


def complaint_facts(e: ComplaintRecorded) -> list[Fact]:
    stages = []
    for s in e.stages:
        due = s.effective_due_on or s.extended_due_on or s.due_on
        within = None if s.responded_on is None else s.responded_on <= due
        stages.append({"stage": s.stage, "started_on": s.started_on.isoformat(),
                       "due_on": due.isoformat(), "outcome": s.outcome, "within": within,
                       "responded_on": s.responded_on.isoformat() if s.responded_on else None})
    return [Fact(names.COMPLAINTS, e.complaint_id, {
        "received_on": e.received_on.isoformat(), "month": month_of(e.received_on),
        "team_id": e.team_id, "themes": e.themes, "complainant": e.complainant,
        "current_stage": max([e.current_stage, *(s.stage for s in e.stages)]),
        "stages": stages, "has_learning": bool(e.learning), "revision": e.revision})]


def action_raised_facts(e: ActionRaised) -> list[Fact]:
    return [Fact(names.ACTIONS, e.action_id, {
        "origin_kind": e.origin.kind, "origin_id": e.origin.id, "team_id": e.team_id,
        "owner_id": e.owner_id, "due_date": e.due_date.isoformat(),
        "raised_month": month_of(e.raised_at), "raised_on": e.raised_at.date().isoformat(),
        "priority": e.priority.value, "status": "open", "completed_on": None})]


def action_status_facts(e: ActionStatusChanged) -> list[Fact]:
    fields: dict[str, Any] = {"status": e.status.value}
    if e.status.value == "completed":
        fields["completed_on"] = e.changed_at.date().isoformat()
    elif e.status.value in ("open", "in_progress"):
        fields["completed_on"] = None  # reopened
    if e.owner_id:
        fields["owner_id"] = e.owner_id
    if e.team_id:
        fields["team_id"] = e.team_id
    return [Fact(names.ACTIONS, e.action_id, fields)]


def action_assigned_facts(e: ActionAssigned) -> list[Fact]:
    return [Fact(names.ACTIONS, e.action_id, {"owner_id": e.owner_id, "team_id": e.team_id})]


def alert_facts(e: AlertRaised) -> list[Fact]:
    return [Fact(names.ALERTS, e.alert_id, {
        "kind": e.kind, "about": e.about, "team_id": e.team_id, "urgent": e.urgent,
        "month": month_of(e.raised_at.date())})]


def team_facts(e: TeamUpserted) -> list[Fact]:
    return [Fact(names.TEAMS, e.team_id, {
        "name": e.name, "service_area": e.service_area,
        "head_of_service_id": e.head_of_service_id, "active": e.active})]


def staff_facts(e: StaffMemberUpserted) -> list[Fact]:
    return [Fact(names.STAFF, e.person_id, {
        "team_id": e.team_id, "job_role": e.job_role, "line_manager_id": e.line_manager_id,
        "asye": e.asye, "active": e.active, "roles": e.roles})]


def signoff_facts(e: BriefingSignedOff) -> list[Fact]:
    return [Fact(names.SIGNOFFS, e.month, {
        "month": e.month, "themes": e.themes, "outstanding_practice": e.outstanding_practice,
        "commentary": e.commentary, "signed_off_by": e.signed_off_by,
        "signed_off_at": e.signed_off_at.isoformat(), "revision": e.revision})]


def indicator_facts(e: LocalityIndicatorRecorded) -> list[Fact]:
    # The practice issue is kept (like the sign-off's commentary): the clinic pack shows it.
    return [Fact(names.INDICATORS, e.subject(), {
        "team_id": e.team_id, "month": e.month, "indicator": e.indicator, "value": e.value,
        "target": e.target, "better": e.better, "practice_issue": e.practice_issue,
        "import_id": e.import_id})]


FACT_FUNCTIONS: dict[type[EventData], Callable[[Any], list[Fact]]] = {
    AuditSubmitted: audit_facts,
    AuditModerated: moderation_facts,
    AuditGradeChanged: grade_change_facts,
    SafeguardingConcernRaised: concern_facts,
    ThemedAuditRecorded: themed_audit_facts,
    ProgrammeMonthPlanned: programme_facts,
    CaseSampleDrawn: sample_facts,
    CaseAllocated: allocation_facts,
    PracticeObservationRecorded: practice_observation_facts,
    MeetingObservationRecorded: meeting_observation_facts,
    ConferenceChecklistRecorded: checklist_facts,
    FeedbackItemAccepted: feedback_facts,
    SafetyLinkTriggered: safety_link_facts,
    ComplaintRecorded: complaint_facts,
    ActionRaised: action_raised_facts,
    ActionStatusChanged: action_status_facts,
    ActionAssigned: action_assigned_facts,
    AlertRaised: alert_facts,
    TeamUpserted: team_facts,
    StaffMemberUpserted: staff_facts,
    BriefingSignedOff: signoff_facts,
    LocalityIndicatorRecorded: indicator_facts,
}
