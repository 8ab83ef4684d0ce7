"""The QA Forum pack, performance clinic pack, complaints and impact reports (pure)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from shared.themed_results import themed_results

from . import sections
from .briefing import BriefingFacts, learn_stage, review, trends
from .indicators import locality_indicators, practice_issues
from .figures import GOOD_OR_BETTER, NEEDS_SUPPORT, RANK, count_by, count_each
from .figures import good_or_better, percent

Rows = list[dict[str, Any]]


def within(rows: Rows, months: list[str], key: str = "month") -> Rows:
    return [r for r in rows if r.get(key) in months]


def period_sections(f: BriefingFacts, months: list[str], as_of: date) -> dict[str, Any]:
    """The briefing's sections over several months."""
    return {
        "audits": sections.audits(within(f.audits, months),
                                  allocations=within(f.allocations, months),
                                  concerns=within(f.concerns, months)),
        "moderation": sections.moderation(within(f.moderations, months),
                                          within(f.grade_changes, months), planned_sample=None),
        # The briefing's own rule, so the clinic's and the Forum's figures are the same ones
        # (in time against the original due date; met only by a date agreed since, beside).
        "actions": sections.actions(within(f.actions, months, "raised_month"), f.actions,
                                    months=months, as_of=as_of),
        "complaints": sections.complaints(within(f.complaints, months), f.complaints,
                                          months=months, as_of=as_of),
        "feedback": sections.feedback(within(f.feedback, months), within(f.safety_links, months)),
        "observations": sections.observations(within(f.observations, months),
                                              within(f.checklists, months)),
        "review": review(f, months),
        "themed_audits": themed_results(within(f.themed_audits, months)),
        "trends": trends(f, months),
    }


def forum_pack(f: BriefingFacts, *, quarter: str, months: list[str], as_of: date,
               programme: Rows) -> dict[str, Any]:
    body = period_sections(f, months, as_of)
    momo = [i for i in within(f.feedback, months) if i.get("source") == "momo"]
    audits = within(f.audits, months)
    body.update({
        "quarter": quarter, "months": months,
        "themes": {"audit_programme": {p["month"]: p["theme"] for p in programme},
                   "feedback": count_each(within(f.feedback, months), "themes"),
                   "complaints": count_each(within(f.complaints, months), "themes")},
        "escalations": {"checklists": sum(1 for c in within(f.checklists, months)
                                          if c.get("escalation")),
                        "by_conference_type": count_by([c for c in within(f.checklists, months)
                                                        if c.get("escalation")],
                                                       "conference_type")},
        "childrens_views": {"momo_statements": len(momo),
                            "momo_by_kind": count_by(momo, "statement_kind"),
                            "child_view_obtained_in_audits": sum(
                                1 for a in audits if a.get("child_view") == "obtained"),
                            "audits": len(audits)},
    })
    return body


def clinic_pack(f: BriefingFacts, *, team: str, months: list[str], as_of: date,
                staff: Rows, viewer: str, indicators: Rows = ()) -> dict[str, Any]:
    """A team's pack; individuals needing support only for workers the viewer manages."""
    body = period_sections(f, months, as_of)
    managed = {s["_id"] for s in staff if s.get("line_manager_id") == viewer}
    managed |= {a["social_worker_id"] for a in within(f.audits, months)
                if a.get("line_manager_id") == viewer}
    support: dict[str, dict[str, int]] = defaultdict(lambda: {"audits": 0, "below_good": 0})
    for a in within(f.audits, months):
        if a.get("social_worker_id") in managed:
            row = support[a["social_worker_id"]]
            row["audits"] += 1
            row["below_good"] += a["overall_grade"] in NEEDS_SUPPORT
    body.update({
        "team": team, "months": months,
        "individuals_needing_support": [
            {"worker_id": w, **c} for w, c in sorted(support.items()) if c["below_good"]],
        "locality_indicators": locality_indicators(list(indicators), months),
        "practice_issues": practice_issues(list(indicators), months),
    })
    return body


def complaints_report(every: Rows, *, year: int, as_of: date) -> dict[str, Any]:
    def months_of(y: int) -> list[str]:
        return [f"{y}-{m:02d}" for m in range(1, 13)]

    def year_figures(y: int) -> dict[str, Any]:
        return sections.complaints(within(every, months_of(y)), every, months=months_of(y),
                                   as_of=as_of)

    this, last = year_figures(year), year_figures(year - 1)
    quarters = {}
    for q in range(1, 5):
        months = [f"{year}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]
        quarters[f"{year}-Q{q}"] = sections.complaints(within(every, months), every,
                                                       months=months, as_of=as_of)
    return {
        "year": year, "this_year": this, "last_year": last,
        "year_on_year": {k: this[k] - last[k] for k in ("received", "responded",
                                                        "within_timescale", "upheld")},
        "quarters": quarters,
        "stage2_past_65_working_days": [
            {"complaint_id": c["_id"], "reference": c.get("reference") or c["_id"],
             "team_id": c.get("team_id"),
             "stage2_started_on": sections.stage(c, 2)["started_on"]}
            for c in every if sections.stage2_overdue(c, as_of)],
        "with_learning": sum(1 for c in within(every, months_of(year)) if c.get("has_learning")),
    }


def regrades(audits: Rows) -> dict[str, int]:
    """Cases audited more than once: first grade against the latest."""
    by_case: dict[str, Rows] = defaultdict(list)
    for a in audits:
        if a.get("case_key"):
            by_case[a["case_key"]].append(a)
    out = {"re_audited": 0, "improved": 0, "same": 0, "declined": 0}
    for rows in by_case.values():
        if len(rows) < 2:
            continue
        rows.sort(key=lambda a: (a["month"], a.get("submitted_on", "")))
        first, last = RANK[rows[0]["overall_grade"]], RANK[rows[-1]["overall_grade"]]
        out["re_audited"] += 1
        out["improved" if last > first else "declined" if last < first else "same"] += 1
    return out


def impact_report(f: BriefingFacts, *, months: list[str], as_of: date,
                  team: str | None = None) -> dict[str, Any]:
    audits = within(f.audits, months)
    completed = [a for a in f.actions if (a.get("completed_on") or "")[:7] in months]
    in_time = sum(1 for a in completed if sections.completed_in_time(a))
    impact = count_by(audits, "impact_grade")
    regraded = regrades(audits)
    return {
        "months": months,
        "how_much_did_we_do": {"audits": len(audits),
                               "observations": len(within(f.observations, months)),
                               "actions_raised": len(within(f.actions, months, "raised_month"))},
        "how_well_did_we_do_it": {
            "good_or_better_percent": percent(good_or_better(count_by(audits, "overall_grade")),
                                              len(audits)),
            "audits_on_time_percent": percent(sum(1 for a in audits if a.get("on_time")),
                                              len(audits)),
            "actions_completed_in_time_percent": percent(in_time, len(completed))},
        "is_anyone_better_off": {
            "child_better_off_percent": percent(sum(1 for a in audits if a.get("better_off")),
                                                len(audits)),
            "impact_good_or_better_percent": percent(
                sum(impact.get(g, 0) for g in GOOD_OR_BETTER), len(audits)),
            "re_audited_cases": regraded},
        "actions": {"completed": len(completed), "completed_in_time": in_time},
        "review": review(f, months),
        "learn": learn_stage(f, months, team=team),
        "grades_against_impact": trends(f, months),
    }
