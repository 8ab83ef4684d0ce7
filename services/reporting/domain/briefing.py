"""The monthly briefing assembled from its sections, with month-on-month trends (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import sections
from .figures import good_or_better, percent, count_by
from .periods import last_day

Rows = list[dict[str, Any]]
TREND_MONTHS = 6


@dataclass
class BriefingFacts:
    """Every fact the briefing reads, already filtered by team and theme."""

    audits: Rows = field(default_factory=list)          # trend window
    allocations: Rows = field(default_factory=list)     # trend window
    concerns: Rows = field(default_factory=list)
    moderations: Rows = field(default_factory=list)
    grade_changes: Rows = field(default_factory=list)
    actions: Rows = field(default_factory=list)         # all, for overdue and completion
    complaints: Rows = field(default_factory=list)      # all, for responses and stage 2
    feedback: Rows = field(default_factory=list)        # trend window
    safety_links: Rows = field(default_factory=list)
    observations: Rows = field(default_factory=list)    # trend window
    checklists: Rows = field(default_factory=list)
    programme: dict[str, Any] | None = None
    signoff: dict[str, Any] | None = None


def in_month(rows: Rows, month: str, key: str = "month") -> Rows:
    return [r for r in rows if r.get(key) == month]


def as_of_for(month: str, today: date) -> date:
    """Figures for a past month are as at its last day; for this month, as at today."""
    return min(today, last_day(month))


def monthly_briefing(f: BriefingFacts, *, month: str, months: list[str], today: date,
                     filters: dict[str, str | None]) -> dict[str, Any]:
    as_of = as_of_for(month, today)
    audits = in_month(f.audits, month)
    body: dict[str, Any] = {
        "month": month,
        "as_of": as_of.isoformat(),
        "filters": filters,
        "programme": f.programme,
        "audits": sections.audits(audits, allocations=in_month(f.allocations, month),
                                  concerns=in_month(f.concerns, month)),
        "moderation": sections.moderation(
            in_month(f.moderations, month), in_month(f.grade_changes, month),
            planned_sample=(f.programme or {}).get("moderation_sample_size")),
        "actions": sections.actions(in_month(f.actions, month, "raised_month"), f.actions,
                                    month=month, as_of=as_of),
        "complaints": sections.complaints(in_month(f.complaints, month), f.complaints,
                                          months=[month], as_of=as_of),
        "feedback": sections.feedback(in_month(f.feedback, month),
                                      in_month(f.safety_links, month)),
        "observations": sections.observations(in_month(f.observations, month),
                                              in_month(f.checklists, month)),
        "trends": trends(f, months),
        "signoff": f.signoff,
    }
    body["empty"] = is_empty(body)
    body["note"] = ("No facts recorded for this month yet: every figure shows zero."
                    if body["empty"] else None)
    return body


def trends(f: BriefingFacts, months: list[str]) -> list[dict[str, Any]]:
    out = []
    for m in months:
        audits = in_month(f.audits, m)
        overall = count_by(audits, "overall_grade")
        impact = count_by(audits, "impact_grade")
        feedback = count_by(in_month(f.feedback, m), "source")
        out.append({
            "month": m,
            "audits_completed": len(audits),
            "good_or_better_percent": percent(good_or_better(overall), len(audits)),
            "impact_good_or_better_percent": percent(good_or_better(impact), len(audits)),
            "on_time_percent": percent(sum(1 for a in audits if a.get("on_time")), len(audits)),
            "actions_raised": len(in_month(f.actions, m, "raised_month")),
            "complaints_received": len(in_month(f.complaints, m)),
            "compliments": feedback.get("compliment", 0),
            "momo_statements": feedback.get("momo", 0),
            "observations": len(in_month(f.observations, m)),
        })
    return out


def is_empty(body: dict[str, Any]) -> bool:
    return not any([
        body["audits"]["completed"], body["audits"]["allocated"], body["actions"]["raised"],
        body["complaints"]["received"], sum(body["feedback"]["by_source"].values()),
        body["feedback"]["safety_link_alerts"], body["observations"]["done"],
        body["moderation"]["moderated"]])
