"""The practice learning team's rules, pure: what comes to its queue (practice observations
shared with it, and every audit's outcome), marking an item reviewed, when each worker's
annual review of their observations falls due, and what followed an item (the worker's next
audit and observations)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from schemas.audit import AuditResultsShared
from schemas.base import PersonalText
from schemas.observation import ConferenceChecklistRecorded, PracticeObservationRecorded
from shared.england_time import england_day
from shared.months import last_day, shift

from .refusals import Locked, Refused

# The framework: the team "will consider the findings of staff observation at least once
# per year". A review shows as due this many days before its year is up.
REVIEW_WARNING_DAYS = 28
ReviewState = Literal["overdue", "due", "not_due"]


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    end = last_day(shift(day.isoformat()[:7], months))
    return end.replace(day=min(day.day, end.day))


# --- what comes to the queue ------------------------------------------------------------

def observation_seen(event: PracticeObservationRecorded) -> dict[str, Any]:
    """A practice observation kept for the worker's record and annual review (ungraded: the
    framework's observations carry a critique, not a grade)."""
    return {"_id": event.observation_id, "kind": event.kind, "worker_id": event.worker_id,
            "team_id": event.team_id, "observer_id": event.observer_id,
            "on": event.observed_on.isoformat(), "grade": None,
            "summary": event.summary, "critique": event.critique,
            "action_plan": event.action_plan or "",
            "shared": event.shared_with_practice_learning_team}


def checklist_seen(event: ConferenceChecklistRecorded) -> dict[str, Any]:
    """A chair's checklist: the graded observation of the worker's practice at a conference."""
    return {"_id": event.checklist_id, "kind": "checklist", "worker_id": event.social_worker_id,
            "team_id": event.team_id, "observer_id": event.chair_id,
            "on": event.held_on.isoformat(), "grade": event.quality_grade,
            "impact_grade": event.impact_grade, "summary": "", "critique": "",
            "action_plan": "", "shared": False}


def queued_observation(observation: dict[str, Any]) -> dict[str, Any] | None:
    """Only observations the observer shared with the team come to its queue."""
    if not observation["shared"]:
        return None
    return {"_id": f"observation-{observation['_id']}", "kind": "observation",
            "ref_id": observation["_id"], "worker_id": observation["worker_id"],
            "team_id": observation["team_id"], "on": observation["on"],
            "title": f"Practice observation ({observation['kind']}) on {observation['on']}",
            "detail": observation["critique"] or observation["summary"],
            "status": "to_review", "review": None}


def queued_audit(shared: AuditResultsShared) -> dict[str, Any]:
    """Every audit's outcome comes to the queue: the team tracks that learning happens."""
    return {"_id": f"audit-{shared.audit_id}", "kind": "audit", "ref_id": shared.audit_id,
            "worker_id": shared.social_worker_id, "team_id": shared.team_id,
            "on": england_day(shared.shared_at).isoformat(), "month": shared.month,
            "title": f"Audit {shared.month}: overall {shared.overall_grade}, impact "
                     f"{shared.impact_grade}",
            "detail": "", "status": "to_review", "review": None}


# --- reviewing an item ------------------------------------------------------------------

class MarkReviewed(BaseModel):
    note: PersonalText = Field(min_length=1, max_length=4000,
                               description="What the team took from it, and what follows")


def decide_reviewed(item: dict[str, Any], command: MarkReviewed, *, by: str,
                    now: datetime) -> dict[str, Any]:
    if item["status"] == "reviewed":
        raise Locked("this item is reviewed already; add to the worker's annual review instead")
    return {"status": "reviewed",
            "review": {"note": command.note, "by": by, "at": now.isoformat()}}


def what_followed(item: dict[str, Any], *, audits: list[dict[str, Any]],
                  observations: list[dict[str, Any]]) -> dict[str, Any]:
    """The worker's first audit after the item's month and first observation from the day it
    came (not the item itself), with their grades: whether learning followed shows in what
    came next."""
    after = item.get("month") or item["on"][:7]
    next_audit = min((a for a in audits if a["month"] > after and a["_id"] != item["ref_id"]),
                     key=lambda a: (a["month"], a["_id"]), default=None)
    next_observation = min((o for o in observations
                            if o["on"] >= item["on"] and o["_id"] != item["ref_id"]),
                           key=lambda o: (o["on"], o["_id"]), default=None)
    return {"next_audit": next_audit and {
                "id": next_audit["_id"], "month": next_audit["month"],
                "overall_grade": next_audit["overall_grade"],
                "impact_grade": next_audit["impact_grade"]},
            "next_observation": next_observation and {
                "id": next_observation["_id"], "on": next_observation["on"],
                "kind": next_observation["kind"], "grade": next_observation.get("grade")}}


# --- the annual review of each worker's observations ----------------------------------

def review_due(*, first_observed_on: date, last_reviewed_on: date | None,
               today: date) -> tuple[date, ReviewState]:
    """A year after the last review, or after the first observation if never reviewed."""
    due_by = add_months(last_reviewed_on or first_observed_on, 12)
    if today > due_by:
        return due_by, "overdue"
    if (due_by - today).days <= REVIEW_WARNING_DAYS:
        return due_by, "due"
    return due_by, "not_due"


def review_list(workers: list[dict[str, Any]], *, today: date) -> list[dict[str, Any]]:
    """Each worker observed (`worker_id`, `first_observed_on`, `observations`,
    `last_reviewed_on`) with their due date and state, the most overdue first."""
    rows = []
    for w in workers:
        last = w.get("last_reviewed_on")
        due_by, state = review_due(first_observed_on=date.fromisoformat(w["first_observed_on"]),
                                   last_reviewed_on=date.fromisoformat(last) if last else None,
                                   today=today)
        rows.append({**w, "due_by": due_by.isoformat(), "state": state})
    return sorted(rows, key=lambda r: (r["due_by"], r["worker_id"]))


class RecordAnnualReview(BaseModel):
    worker_id: str = Field(min_length=1, description="The worker whose observations were reviewed")
    reviewed_on: date
    key_learning: PersonalText = Field(min_length=1, max_length=4000,
                                       description="Key learning points from the observations")
    workforce_actions: PersonalText = Field(default="", max_length=4000, description=(
        "Actions identified for workforce development"))


def decide_annual_review(command: RecordAnnualReview, *, observed: bool, today: date,
                         by: str, new_id: str) -> dict[str, Any]:
    if not observed:
        raise Refused("worker_id", f"no observation of {command.worker_id} has been shared "
                                   "with learning: there is nothing to review")
    if command.reviewed_on > today:
        raise Refused("reviewed_on", "a review cannot be recorded before it is held")
    return {"_id": new_id, **command.model_dump(mode="json"), "reviewed_by": by}
