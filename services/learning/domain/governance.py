"""Governance (pure): the quarterly report to the Joint Leadership Team, built from the QA
Forum's signed-off minutes (decisions, recommendations, findings, the actions raised and
where they stand, the escalated themes it answered) and the monthly findings the audit
groups signed off; and the same quarter's findings and actions as each plan takes them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel

from schemas.common import YEAR
from schemas.learning import PlanExported, PlanItem
from shared.months import last_day

from .minutes import theme_key

Plan = Literal["improvement_plan", "partnership_plan", "safeguarding_partnership"]
PLANS: dict[str, str] = {
    "improvement_plan": "Improvement plan",
    "partnership_plan": "Partnership plan",
    "safeguarding_partnership": "Safeguarding partnership (board business plan)",
}
DONE = ("completed", "confirmed")
QUARTER_PATTERN = rf"^{YEAR}-Q[1-4]$"  # a year the calendar holds (1900-9999)


class ExportPlan(BaseModel):
    plan: Plan
    quarter: str


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_span(quarter: str) -> tuple[date, date, list[str]]:
    """The quarter's first and last days and its three months (`YYYY-Qn`)."""
    year, q = (int(p) for p in quarter.split("-Q"))
    months = [f"{year}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]
    return date(year, 3 * q - 2, 1), last_day(months[-1]), months


def jlt_report(quarter: str, forums: list[dict[str, Any]],
               actions: dict[str, list[dict[str, Any]]], themes: dict[str, dict[str, Any]],
               findings: list[dict[str, Any]]) -> dict[str, Any]:
    """`forums`: the QA Forums held in the quarter; `actions`: by meeting, as action
    tracking reports them; `themes`: every escalated theme by `theme_key`; `findings`: the
    quarter's monthly summaries."""
    shown = []
    for forum in forums:
        signed = forum.get("status") == "signed_off"
        minutes = (forum.get("minutes") or {}) if signed else {}
        answers = [{"theme": themes.get(theme_key(a["meeting_id"], a["theme_id"]), {}),
                    "answer": a["answer"]} for a in minutes.get("answers", [])]
        shown.append({
            "meeting_id": forum["_id"], "title": forum.get("title"),
            "held_on": forum.get("held_on"), "on_time": forum.get("on_time"),
            "signed_off": signed, "minutes_version": forum.get("minutes_version", 0),
            "decisions": minutes.get("decisions", []),
            "no_decisions": minutes.get("no_decisions", False),
            "recommendations": minutes.get("recommendations", []),
            "findings": minutes.get("findings", []),
            "actions": [_action(a) for a in actions.get(forum["_id"], [])],
            "themes_answered": [{"text": a["theme"].get("text"), "team_id": a["theme"].get(
                "team_id"), "to": a["theme"].get("to"), "answer": a["answer"]} for a in answers]})
    every_action = [a for f in shown for a in f["actions"]]
    return {
        "quarter": quarter, "forums": shown,
        "totals": {
            "forums_held": len(shown),
            "forums_signed_off": sum(1 for f in shown if f["signed_off"]),
            "decisions": sum(len(f["decisions"]) for f in shown),
            "recommendations": sum(len(f["recommendations"]) for f in shown),
            "actions": len(every_action),
            "actions_done": sum(1 for a in every_action if a["status"] in DONE),
            "themes_answered": sum(len(f["themes_answered"]) for f in shown),
            "themes_open": sum(1 for t in themes.values() if not t.get("answered_by"))},
        "monthly_findings": [{"month": s["_id"], "status": s.get("status"),
                              "headline_themes": s.get("headline_themes", []),
                              "recommendations": s.get("recommendations", [])}
                             for s in findings],
    }


def _action(a: dict[str, Any]) -> dict[str, Any]:
    return {"description": a.get("description"), "owner_id": a.get("owner_id"),
            "due_date": a.get("due_date"), "status": a.get("status")}


def plan_items(plan: str, report: dict[str, Any], reviews: list[dict[str, Any]],
               themes: dict[str, dict[str, Any]]) -> list[PlanItem]:
    """What each plan takes of the quarter: the improvement plan the Forum's decisions,
    recommendations and actions and the monthly findings; the partnership plan the Forum's
    recommendations and the themes escalated to partners or the council, with their answers;
    the safeguarding partnership the multi-agency audit reviews (`reviews`, signed off) and
    the themes escalated to partners."""
    items: list[PlanItem] = []
    forums = [f for f in report["forums"] if f["signed_off"]]
    if plan == "improvement_plan":
        for f in forums:
            items += _texts("qa_forum", f, ("decisions", "recommendations"))
            items += [PlanItem(source="qa_forum", kind="action", text=a["description"] or "",
                               meeting_id=f["meeting_id"], on=f["held_on"],
                               owner_id=a["owner_id"], due_date=a["due_date"],
                               status=a["status"]) for a in f["actions"] if a["description"]]
        for s in report["monthly_findings"]:
            items += [PlanItem(source="monthly_findings", kind=kind, text=text, month=s["month"])
                      for kind, key in (("finding", "headline_themes"),
                                        ("recommendation", "recommendations"))
                      for text in s[key]]
    elif plan == "partnership_plan":
        for f in forums:
            items += _texts("qa_forum", f, ("recommendations",))
        items += _themes(themes, ("partners", "council"))
    else:
        for review in reviews:
            if review.get("status") != "signed_off":
                continue
            minutes = review.get("minutes") or {}
            shown = {"meeting_id": review["_id"], "held_on": review.get("held_on"), **minutes}
            items += _texts("multi_agency_audit_review", shown,
                            ("findings", "decisions", "recommendations"))
            items += [PlanItem(source="multi_agency_audit_review", kind="action",
                               text=a["description"], meeting_id=review["_id"],
                               on=review.get("held_on"), owner_id=a["owner_id"],
                               due_date=a["due_date"]) for a in minutes.get("actions", [])]
        items += _themes(themes, ("partners",))
    return items


def _texts(source: str, meeting: dict[str, Any], keys: tuple[str, ...]) -> list[PlanItem]:
    kinds = {"decisions": "decision", "recommendations": "recommendation",
             "findings": "finding"}
    return [PlanItem(source=source, kind=kinds[key], text=text,  # type: ignore[arg-type]
                     meeting_id=meeting["meeting_id"], on=meeting.get("held_on"))
            for key in keys for text in meeting.get(key, [])]


def _themes(themes: dict[str, dict[str, Any]], to: tuple[str, ...]) -> list[PlanItem]:
    return [PlanItem(source="escalated_theme", kind="theme",
                     text=t["text"] + (f" (answered: {t['answer']})" if t.get("answer") else ""),
                     meeting_id=t["meeting_id"], on=t.get("escalated_on"),
                     status="answered" if t.get("answered_by") else "open")
            for t in themes.values() if t.get("to") in to]


def decide_export(command: ExportPlan, items: list[PlanItem], *, export_id: str, by: str,
                  now: datetime) -> PlanExported:
    return PlanExported(export_id=export_id, plan=command.plan, quarter=command.quarter,
                        exported_by=by, exported_at=now, items=items)
