"""The clinic pack's, complaints report's and impact report's tables, for the pages and for
CSV, Excel and PDF (pure). The sections they share with the briefing reuse its tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .tables import BRIEFING_TABLES, Table, _label, themed


def _as_briefing(body: dict[str, Any]) -> dict[str, Any]:
    """A period's sections in the briefing's shape (monthly-only figures left blank)."""
    return {**body, "actions": {"overdue": None, "due": None, **body["actions"]}}


def _briefing_table(name: str) -> Callable[[dict[str, Any]], Table]:
    return lambda body: BRIEFING_TABLES[name](_as_briefing(body))


def indicators(pack: dict[str, Any]) -> Table:
    rows = [[i["indicator"], i["month"], i["value"], i["target"], i["better"], _met(i.get("met"))]
            for i in pack.get("locality_indicators") or []]
    return ["Indicator", "Month", "Value", "Target", "Better when", "Target met"], rows


def practice_issues(pack: dict[str, Any]) -> Table:
    return (["Month", "Indicator", "Practice issue"],
            [[p["month"], p["indicator"], p["note"]] for p in pack.get("practice_issues") or []])


def individuals(pack: dict[str, Any]) -> Table:
    return (["Worker", "Audits", "Below good"],
            [[i.get("worker_name") or i["worker_id"], i["audits"], i["below_good"]]
             for i in pack["individuals_needing_support"]])


def _met(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


CLINIC_TABLES: dict[str, Callable[[dict[str, Any]], Table]] = {
    **{n: _briefing_table(n) for n in ("audits", "grades", "actions", "complaints",
                                       "feedback", "observations", "trends")},
    "indicators": indicators, "practice-issues": practice_issues, "individuals": individuals,
    "themed": themed,
}


def complaint_quarters(report: dict[str, Any]) -> Table:
    keys = ["received", "responded", "within_timescale", "within_timescale_percent", "upheld"]
    return (["Quarter", *[_label(k) for k in keys]],
            [[q, *[c[k] for k in keys]] for q, c in report["quarters"].items()])


def year_on_year(report: dict[str, Any]) -> Table:
    this, last = report["this_year"], report["last_year"]
    return (["Figure", str(report["year"]), str(report["year"] - 1), "Change"],
            [[_label(k), this[k], last[k], change] for k, change in report["year_on_year"].items()])


def stage2_late(report: dict[str, Any]) -> Table:
    return (["Complaint", "Team", "Stage 2 started"],
            [[c.get("reference") or c["complaint_id"], c.get("team_name") or c["team_id"],
              c["stage2_started_on"]]
             for c in report["stage2_past_65_working_days"]])


def complaint_themes(report: dict[str, Any]) -> Table:
    return ["Theme", "Complaints"], [[t, n] for t, n in report["this_year"]["themes"].items()]


COMPLAINTS_TABLES: dict[str, Callable[[dict[str, Any]], Table]] = {
    "quarters": complaint_quarters, "year-on-year": year_on_year, "stage2-late": stage2_late,
    "themes": complaint_themes}


def impact_questions(report: dict[str, Any]) -> Table:
    rows = []
    for question in ("how_much_did_we_do", "how_well_did_we_do_it", "is_anyone_better_off"):
        for key, value in report[question].items():
            if not isinstance(value, dict):
                rows.append([_label(question) + "?", _label(key), value])
    return ["Question", "Figure", "Value"], rows


def re_audits(report: dict[str, Any]) -> Table:
    regraded = report["is_anyone_better_off"]["re_audited_cases"]
    return ["Re-audited cases", "Cases"], [[_label(k), n] for k, n in regraded.items()]


def grades_against_impact(report: dict[str, Any]) -> Table:
    return BRIEFING_TABLES["trends"]({"trends": report["grades_against_impact"]})


IMPACT_TABLES: dict[str, Callable[[dict[str, Any]], Table]] = {
    "questions": impact_questions, "re-audits": re_audits, "trends": grades_against_impact,
    "review": BRIEFING_TABLES["review"], "learn": BRIEFING_TABLES["learn"],
    "sessions": BRIEFING_TABLES["sessions"]}
