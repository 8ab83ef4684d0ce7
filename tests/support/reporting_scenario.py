"""A small month of synthetic events with figures known in advance (reporting's tests)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from schemas.action import ActionOrigin, ActionRaised, ActionStatus, ActionStatusChanged
from schemas.audit import AuditGradeChanged, AuditModerated, StandardModeration
from schemas.base import EventData
from schemas.common import Grade
from schemas.complaint import ComplaintRecorded, ComplaintStage
from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered
from schemas.observation import MeetingObservationRecorded, PracticeObservationRecorded
from schemas.programme import CaseAllocated, ProgrammeMonthPlanned

from .events import audit_submitted
from .factories import uid

LONG_AGO = date(2020, 1, 6)


def _at(month: str, day: int) -> datetime:
    return datetime.fromisoformat(f"{month}-{day:02d}T10:00:00+00:00")


def month_of_events(month: str, team: str, theme: str) -> list[EventData]:
    """3 audits, 2 allocations, 2 moderations, 1 grade change, 2 actions (one overdue, one
    completed in time), 1 complaint (stage 1 in time, stage 2 open since 2020), 3 feedback
    items (2 compliments, 1 MOMO) and a Safety Link alert, 2 observations."""
    base = audit_submitted(month=month, team_id=team, actions=0)
    audits = [base.model_copy(update={
        "audit_id": str(uuid.uuid4()), "social_worker_id": uid("sw"), "overall_grade": Grade(g),
        "on_time": on_time, "child_seen_alone": alone})
        for g, on_time, alone in [("good", True, True), ("good", False, False),
                                  ("inadequate", True, True)]]
    events: list[EventData] = [ProgrammeMonthPlanned(
        month=month, theme=theme, audit_group=1, moderation_group=2, improvement_group=3,
        moderation_sample_size=2)]
    events += [CaseAllocated(allocation_id=uid("alloc"), month=month, case_ref=uid("TEST-CASE"),
                             team_id=team, auditor_ids=["auditor-x"],
                             window_starts_on=date.fromisoformat(f"{month}-01"),
                             deadline=date.fromisoformat(f"{month}-20")) for _ in range(2)]
    events += audits
    for audit, agree in zip(audits[:2], (True, False), strict=True):
        moderation_id = uid("mod")
        events.append(AuditModerated(
            moderation_id=moderation_id, audit_id=audit.audit_id, month=month, team_id=team,
            auditor_ids=audit.auditor_ids, moderator_id="moderator-x", overall_agree=agree,
            standards=[StandardModeration(standard=n, agree=True) for n in range(1, 7)],
            overall_grade="good" if agree else "requires_improvement",
            agreed_count=7 if agree else 6, moderated_at=_at(month, 25),
            good_practice=agree, good_practice_note="Synthetic: good practice." if agree else "",
            evidence_quality="strong" if agree else "sound",
            learning_needs=[] if agree else ["impact"]))
        if not agree:
            events.append(AuditGradeChanged(
                audit_id=audit.audit_id, moderation_id=moderation_id, month=month, team_id=team,
                previous_grade="good", grade="requires_improvement", reason="Synthetic.",
                changed_by="moderator-x", changed_at=_at(month, 25)))
    overdue, done = uid("act"), uid("act")
    for action_id, due in ((overdue, LONG_AGO), (done, date.fromisoformat(f"{month}-28"))):
        events.append(ActionRaised(
            action_id=action_id, origin=ActionOrigin(kind="audit", id=audits[2].audit_id),
            description="Synthetic action.", owner_id="tm-x", team_id=team, due_date=due,
            raised_at=_at(month, 5)))
    events.append(ActionStatusChanged(
        action_id=done, status=ActionStatus.COMPLETED, previous_status=ActionStatus.OPEN,
        changed_by="tm-x", changed_at=_at(month, 10)))
    events.append(ComplaintRecorded(
        complaint_id=uid("cmp"), source_id=uid("src"), received_on=date.fromisoformat(f"{month}-02"),
        complainant="parent_carer", team_id=team, themes=[theme], current_stage=2,
        stages=[ComplaintStage(stage=1, started_on=date.fromisoformat(f"{month}-02"),
                               due_on=date.fromisoformat(f"{month}-16"),
                               responded_on=date.fromisoformat(f"{month}-12"),
                               outcome="not_upheld"),
                ComplaintStage(stage=2, started_on=LONG_AGO, due_on=date(2020, 2, 10))]))
    for source in ("compliment", "compliment", "momo"):
        events.append(FeedbackItemAccepted(
            item_id=uid("item"), source=source, source_id=uid("src"),
            received_on=date.fromisoformat(f"{month}-09"), team_id=team, themes=[theme]))
    events.append(SafetyLinkTriggered(
        item_id=uid("item"), source_id=uid("src"), case_ref=uid("TEST-CASE"), team_id=team,
        received_on=date.fromisoformat(f"{month}-09"), received_at=datetime.now(UTC)))
    events.append(PracticeObservationRecorded(
        observation_id=uid("obs"), worker_id=audits[0].social_worker_id, observer_id="tm-x",
        team_id=team, observed_on=date.fromisoformat(f"{month}-11"), consent_confirmed=True))
    events.append(MeetingObservationRecorded(
        observation_id=uid("obs"), meeting_type="Core Group meeting", observer_id="hos-x",
        observer_role="head_of_service", observed_on=date.fromisoformat(f"{month}-12"),
        team_id=team))
    return events


EXPECTED = {
    # Grades as moderated (one good audit moderated down), beside the grades as submitted.
    "audits": {"allocated": 2, "completed": 3, "on_time": 2, "child_seen_alone": 2,
               "moderated": 2, "signed_off": 0,
               "overall_grades": {"good": 1, "requires_improvement": 1, "inadequate": 1},
               "submitted_overall_grades": {"good": 2, "inadequate": 1}},
    "moderation": {"planned_sample": 2, "moderated": 2, "overall_agreed": 1,
                   "agreement_percent": 50.0, "grade_changes": 1, "grades_lowered": 1},
    "actions": {"raised": 2, "overdue": 1, "overdue_now": 1, "completed": 1,
                "completed_in_time": 1},
    "complaints": {"received": 1, "responded": 1, "within_timescale": 1,
                   "stage2_past_65_working_days": 1, "by_stage": {"2": 1}},
    "feedback": {"compliments": 2, "momo_statements": 1, "safety_link_alerts": 1},
    "observations": {"done": 2, "by_kind": {"practice": 1, "meeting": 1}},
}


def subset_matches(actual: dict, expected: dict) -> list[str]:
    """Which expected figures differ (empty when all match)."""
    return [f"{section}.{key}: {actual[section][key]!r} != {value!r}"
            for section, figures in expected.items() for key, value in figures.items()
            if actual[section][key] != value]


def new_event_id() -> str:
    return str(uuid.uuid4())
