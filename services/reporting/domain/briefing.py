"""The monthly briefing assembled from its sections, with month-on-month trends (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import sections
from .learn import learn
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
    meetings: Rows = field(default_factory=list)        # Review: held or scheduled in window
    priorities: Rows = field(default_factory=list)      # agreed in window
    priority_outcomes: Rows = field(default_factory=list)  # reviewed in window
    escalated_themes: Rows = field(default_factory=list)   # escalated in window
    theme_answers: Rows = field(default_factory=list)   # answered in, or escalated in, window
    themed_audits: Rows = field(default_factory=list)   # themed, dip-sample, multi-agency
    results_shared: Rows = field(default_factory=list)  # Learn: audits' results, trend window
    supervisions: Rows = field(default_factory=list)    # held in the window
    supervision_discussions: Rows = field(default_factory=list)  # of those audits, any time
    learning_sessions: Rows = field(default_factory=list)  # delivered in the window
    session_grades: Rows = field(default_factory=list)  # attending teams' audits around them
    programme: dict[str, Any] | None = None
    signoff: dict[str, Any] | None = None


def in_month(rows: Rows, month: str, key: str = "month") -> Rows:
    return [r for r in rows if r.get(key) == month]


def as_of_for(month: str, today: date) -> date:
    """Figures for a past month are as at its last day; for this month, as at today."""
    return min(today, last_day(month))


def monthly_briefing(f: BriefingFacts, *, month: str, months: list[str], today: date,
                     filters: dict[str, str | None]) -> dict[str, Any]:
    planned = (f.programme or {}).get("moderation_sample_size")
    return period_briefing(f, period=[month], months=months, today=today, filters=filters,
                           planned_sample=planned)


def period_briefing(f: BriefingFacts, *, period: list[str], months: list[str], today: date,
                    filters: dict[str, str | None], planned_sample: int | None,
                    quarter: str | None = None) -> dict[str, Any]:
    """The briefing's figures summed over `period` (one month, or a quarter's three);
    `months` is the trend window ending with the period's last month."""
    as_of = as_of_for(period[-1], today)
    body: dict[str, Any] = {
        "month": None if quarter else period[0],
        "quarter": quarter,
        "months": period,
        "as_of": as_of.isoformat(),
        "filters": filters,
        "programme": f.programme,
        "audits": sections.audits(within(f.audits, period),
                                  allocations=within(f.allocations, period),
                                  concerns=within(f.concerns, period)),
        "moderation": sections.moderation(
            within(f.moderations, period), within(f.grade_changes, period),
            planned_sample=planned_sample),
        "actions": sections.actions(within(f.actions, period, "raised_month"), f.actions,
                                    months=period, as_of=as_of),
        "complaints": sections.complaints(within(f.complaints, period), f.complaints,
                                          months=period, as_of=as_of),
        "feedback": sections.feedback(within(f.feedback, period),
                                      within(f.safety_links, period)),
        "observations": sections.observations(within(f.observations, period),
                                              within(f.checklists, period)),
        "review": review(f, period),
        "learn": learn_stage(f, period, team=filters.get("team")),
        "trends": trends(f, months),
        "signoff": f.signoff,
    }
    body["empty"] = is_empty(body)
    body["note"] = (f"No facts recorded for this {'quarter' if quarter else 'month'} yet: "
                    "every figure shows zero." if body["empty"] else None)
    return body


def review(f: BriefingFacts, period: list[str]) -> dict[str, Any]:
    """The Review cycle over `period`: meetings held (on time, by kind), priorities agreed
    and what the next clinics found, themes escalated and the QA Forum's answers."""
    return sections.review(
        within(f.meetings, period), within(f.priorities, period),
        within(f.priority_outcomes, period), within(f.escalated_themes, period),
        answered=within(f.theme_answers, period),
        answers_to_period=within(f.theme_answers, period, "escalated_month"))


def learn_stage(f: BriefingFacts, period: list[str], *, team: str | None) -> dict[str, Any]:
    """The Learn stage over `period`: results shared, supervision, learning sessions."""
    return learn(results=within(f.results_shared, period),
                 allocations=within(f.allocations, period),
                 discussions=f.supervision_discussions,
                 supervisions=within(f.supervisions, period),
                 sessions=within(f.learning_sessions, period), grades=f.session_grades,
                 team=team)


def within(rows: Rows, period: list[str], key: str = "month") -> Rows:
    return [r for r in rows if r.get(key) in period]


def by_month(rows: Rows, key: str = "month") -> dict[Any, Rows]:
    """`in_month` for every month at once: one pass over the rows, their order kept."""
    out: dict[Any, Rows] = {}
    for r in rows:
        out.setdefault(r.get(key), []).append(r)
    return out


def trends(f: BriefingFacts, months: list[str]) -> list[dict[str, Any]]:
    audits_of, feedback_of = by_month(f.audits), by_month(f.feedback)
    actions_of, complaints_of = by_month(f.actions, "raised_month"), by_month(f.complaints)
    observations_of = by_month(f.observations)
    out = []
    for m in months:
        audits = audits_of.get(m, [])
        overall = count_by(audits, "overall_grade")
        impact = count_by(audits, "impact_grade")
        feedback = count_by(feedback_of.get(m, []), "source")
        out.append({
            "month": m,
            "audits_completed": len(audits),
            "good_or_better_percent": percent(good_or_better(overall), len(audits)),
            "impact_good_or_better_percent": percent(good_or_better(impact), len(audits)),
            "on_time_percent": percent(sum(1 for a in audits if a.get("on_time")), len(audits)),
            "actions_raised": len(actions_of.get(m, [])),
            "complaints_received": len(complaints_of.get(m, [])),
            "compliments": feedback.get("compliment", 0),
            "momo_statements": feedback.get("momo", 0),
            "observations": len(observations_of.get(m, [])),
        })
    return out


def is_empty(body: dict[str, Any]) -> bool:
    return not any([
        body["audits"]["completed"], body["audits"]["allocated"], body["actions"]["raised"],
        body["complaints"]["received"], sum(body["feedback"]["by_source"].values()),
        body["feedback"]["safety_link_alerts"], body["observations"]["done"],
        body["moderation"]["moderated"], body["learn"]["note"] is None])
