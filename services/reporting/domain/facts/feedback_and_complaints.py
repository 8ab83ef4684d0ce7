"""Facts of feedback (qa.feedback: accepted items, Safety Link alerts) and complaints
(qa.complaint: each stage and whether it was answered within its timescale)."""

from __future__ import annotations

from schemas.complaint import ComplaintRecorded
from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered

from .. import names
from ..periods import month_of
from .fact import Fact


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
        "reference": e.source_id,  # the complaints system's own reference
        "received_on": e.received_on.isoformat(), "month": month_of(e.received_on),
        "team_id": e.team_id, "themes": e.themes, "complainant": e.complainant,
        "current_stage": max([e.current_stage, *(s.stage for s in e.stages)]),
        "stages": stages, "has_learning": bool(e.learning), "revision": e.revision})]
