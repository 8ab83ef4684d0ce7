"""Facts of audits (qa.audit): submissions, moderation, grade changes, concerns, themed audits."""

from __future__ import annotations

import hashlib

from schemas.audit import AuditGradeChanged, AuditModerated, AuditSignedOff, AuditSubmitted
from schemas.audit import SafeguardingConcernRaised, ThemedAuditRecorded

from shared.england_time import england_day
from shared.themed_results import questions_answered

from .. import names
from ..periods import month_of
from .fact import Fact


def case_key(case_ref: str) -> str:
    """A stable pseudonym, so re-audits of one case can be matched without its reference."""
    return hashlib.sha256(f"qa-reporting:{case_ref}".encode()).hexdigest()[:16]


def audit_facts(e: AuditSubmitted) -> list[Fact]:
    """The audit as submitted. Its grades are the figures' grades until moderation changes
    them (each change sets one: `grade_change_facts`); `submitted` keeps them as they were."""
    standards = {str(s.standard): s.grade.value for s in e.standards}
    return [Fact(names.AUDITS, e.audit_id, {
        "month": e.month, "team_id": e.team_id, "auditor_ids": e.auditor_ids,
        "social_worker_id": e.social_worker_id, "line_manager_id": e.line_manager_id,
        "case_key": case_key(e.case_ref), "allocation_id": e.allocation_id,
        "overall_grade": e.overall_grade.value,
        "standards": standards,
        "submitted": {"overall_grade": e.overall_grade.value, "standards": standards},
        "moderated": False, "signed_off": False, "signed_off_on": None,
        "impact_grade": e.impact.grade.value, "better_off": e.impact.better_off,
        "has_pace": e.impact.has_pace, "child_seen_alone": e.child_seen_alone,
        "child_view": e.child_view.status, "parent_view": e.parent_view.status,
        "on_time": e.on_time, "submitted_on": england_day(e.submitted_at).isoformat(),
        "actions_raised": len(e.actions), "status": "submitted"})]


def moderation_facts(e: AuditModerated) -> list[Fact]:
    """The moderation, with its outcomes for the auditors' competency records (the learning
    needs as competencies, never the note); good practice acknowledged also enters the
    register of outstanding practice, with the moderator's note as written."""
    facts = [Fact(names.MODERATIONS, e.moderation_id, {
        "audit_id": e.audit_id, "month": e.month, "team_id": e.team_id,
        "auditor_ids": e.auditor_ids,
        "moderator_id": e.moderator_id, "overall_agree": e.overall_agree,
        "agreed_count": e.agreed_count, "judgements": 7,
        "overall_grade": e.overall_grade.value, "good_practice": e.good_practice,
        "learning_needs": e.learning_needs, "evidence_quality": e.evidence_quality,
        "timeliness": e.timeliness}),
        Fact(names.AUDITS, e.audit_id, {"moderated": True,
                                        "overall_grade": e.overall_grade.value})]
    if e.good_practice:
        facts.append(Fact(names.GOOD_PRACTICE, e.moderation_id, {
            "audit_id": e.audit_id, "month": e.month, "team_id": e.team_id,
            "auditor_ids": e.auditor_ids, "moderator_id": e.moderator_id,
            "note": e.good_practice_note, "overall_grade": e.overall_grade.value,
            "acknowledged_on": england_day(e.moderated_at).isoformat()}))
    return facts


def grade_change_facts(e: AuditGradeChanged) -> list[Fact]:
    """The change, for the moderation figures; and the audit's grade, as moderated (a
    standard's grade is merged into the audit's standards, the others kept)."""
    which = "overall" if e.standard is None else str(e.standard)
    regraded = {"overall_grade": e.grade.value} if e.standard is None \
        else {"standards": {which: e.grade.value}}
    return [Fact(names.GRADE_CHANGES, f"{e.moderation_id}:{which}", {
        "audit_id": e.audit_id, "month": e.month, "team_id": e.team_id, "judgement": which,
        "previous_grade": e.previous_grade.value, "grade": e.grade.value}),
        Fact(names.AUDITS, e.audit_id, regraded)]


def signed_off_facts(e: AuditSignedOff) -> list[Fact]:
    return [Fact(names.AUDITS, e.audit_id, {
        "signed_off": True, "signed_off_on": england_day(e.signed_off_at).isoformat(),
        "overall_grade": e.overall_grade.value})]


def concern_facts(e: SafeguardingConcernRaised) -> list[Fact]:
    return [Fact(names.CONCERNS, e.concern_id, {
        "audit_id": e.audit_id, "team_id": e.team_id, "month": month_of(e.raised_at)})]


def themed_audit_facts(e: ThemedAuditRecorded) -> list[Fact]:
    """A case audited against a theme: each question's answer (ids, never the evidence),
    whether partners took part (how many; not who) and the dip sample it belongs to."""
    answers: dict[str, int] = {}
    for a in e.answers:
        answers[a.answer] = answers.get(a.answer, 0) + 1
    return [Fact(names.THEMED_AUDITS, e.themed_audit_id, {
        "theme_id": e.theme_id, "theme": e.theme_title, "month": e.month,
        "team_id": e.team_id, "answers": answers, "questions": questions_answered(e.answers),
        "multi_agency": bool(e.partner_agencies), "partners": len(e.partner_agencies),
        "dip_sample_id": e.dip_sample_id})]
