"""The briefing's tables as rows and columns, for the page and for CSV/Excel/PDF (pure)."""

from __future__ import annotations

from typing import Any

from schemas.common import Grade

from .figures import GRADES

Table = tuple[list[str], list[list[Any]]]


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def grade_rows(a: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Each judgement's grades (as moderated), for a table or a chart: an audits section."""
    return {"Overall": a["overall_grades"], "Impact for the child": a["impact_grades"],
            **{f"Standard {s}": c for s, c in a["by_standard"].items()}}


def grades(b: dict[str, Any]) -> Table:
    a = b["audits"]
    judgements = {**grade_rows(a), "Overall as submitted": a["submitted_overall_grades"]}
    return (["Judgement", *[Grade(g).label for g in GRADES]],
            [[name, *[counts.get(g, 0) for g in GRADES]] for name, counts in judgements.items()])


def audits(b: dict[str, Any]) -> Table:
    a = b["audits"]
    keys = ["allocated", "completed", "on_time", "on_time_percent", "moderated", "signed_off",
            "good_or_better_percent", "child_better_off", "child_seen_alone", "child_view_obtained",
            "parent_view_obtained", "safeguarding_concerns"]
    return ["Figure", "Value"], [[_label(k), a[k]] for k in keys]


def moderation(b: dict[str, Any]) -> Table:
    m = b["moderation"]
    keys = ["planned_sample", "moderated", "overall_agreed", "agreement_percent",
            "judgements_agreed_percent", "grade_changes", "grades_raised", "grades_lowered"]
    return ["Figure", "Value"], [[_label(k), m[k]] for k in keys]


def actions(b: dict[str, Any]) -> Table:
    a = b["actions"]
    # In time against the original due date; those met only by a date agreed since beside it.
    keys = ["overdue_now", "raised", "overdue", "due", "completed", "completed_in_time",
            "completed_in_time_percent", "completed_by_agreed_date_only", "new_date_agreed"]
    return ["Figure", "Value"], [[_label(k), a[k]] for k in keys]


def complaints(b: dict[str, Any]) -> Table:
    c = b["complaints"]
    rows = [[f"Stage {s}", c["responded_by_stage"][s], c["within_timescale_by_stage"][s]]
            for s in ("1", "2", "3")]
    rows.append(["All stages", c["responded"], c["within_timescale"]])
    return ["Stage", "Responses this period", "Within timescale"], rows


def feedback(b: dict[str, Any]) -> Table:
    f = b["feedback"]
    rows = [[_label(s), n] for s, n in f["by_source"].items()]
    rows.append(["MOMO Safety Link alerts", f["safety_link_alerts"]])
    return ["Source", "Items"], rows


def trends(b: dict[str, Any]) -> Table:
    keys = ["audits_completed", "good_or_better_percent", "impact_good_or_better_percent",
            "on_time_percent", "actions_raised", "complaints_received", "compliments",
            "momo_statements", "observations"]
    return (["Month", *[_label(k) for k in keys]],
            [[t["month"], *[t[k] for k in keys]] for t in b["trends"]])


def observations(b: dict[str, Any]) -> Table:
    o = b["observations"]
    rows = [[_label(k), n] for k, n in o["by_kind"].items()]
    rows += [["Conference checklists", o["conference_checklists"]],
             ["Checklist escalations", o["checklist_escalations"]]]
    return ["Kind", "Done"], rows


def review(b: dict[str, Any]) -> Table:
    """The Review cycle: meetings held on time by kind, priorities, escalated themes."""
    r = b["review"]
    rows = [[f"{_label(kind)} held", n["held"], n["on_time"]] for kind, n in r["by_kind"].items()]
    rows.append(["All meetings held", r["meetings_held"], r["held_on_time"]])
    keys = ["held_on_time_percent", "cancelled", "decisions", "priorities_agreed",
            "priorities_reviewed", "priorities_met", "priorities_met_percent",
            "themes_escalated", "themes_answered", "escalated_themes_answered_since",
            "escalated_themes_open"]
    rows += [[_label(k), r[k], None] for k in keys]
    return ["Figure", "Value", "On time"], rows


def themed(b: dict[str, Any]) -> Table:
    """Themed, dip-sample and multi-agency audits: per theme and question, each answer."""
    t = b["themed_audits"]
    rows: list[list[Any]] = [["All themes", None, t["audits"], t["dip_sampled"],
                              t["multi_agency"], None, None, None, None]]
    for theme in t["themes"]:
        a = theme["answers"]
        rows.append([theme["theme"], None, theme["audits"], theme["dip_sampled"],
                     theme["multi_agency"], a["yes"], a["partly"], a["no"], a["not_applicable"]])
        rows += [[theme["theme"], q["question_id"], None, None, None, q["yes"], q["partly"],
                  q["no"], q["not_applicable"]] for q in theme["questions"]]
    return ["Theme", "Question", "Cases", "In dip samples", "Multi-agency", "Yes", "Partly",
            "No", "Not applicable"], rows


def learn(b: dict[str, Any]) -> Table:
    """The Learn stage: results shared in time, discussed in supervision, sessions delivered."""
    learned = b["learn"]
    days = learned["expected_within_days"]
    rows = [["Audits whose results were shared", learned["results_shared"]],
            [f"Shared within the framework's {days}-day audit window",
             learned["shared_within_expectation"]],
            ["Shared within it (%)", learned["shared_within_expectation_percent"]],
            ["Completed partly with the worker", learned["completed_with_caseworker"]],
            ["Discussed in a supervision session afterwards", learned["discussed_in_supervision"]],
            ["Discussed afterwards (%)", learned["discussed_in_supervision_percent"]],
            ["Supervision sessions signed off", learned["supervision_sessions"]]]
    rows += [[f"Supervision sessions: {_label(kind)}", n]
             for kind, n in sorted(learned["supervision_sessions_by_kind"].items())]
    rows += [["Learning sessions delivered", learned["sessions_delivered"]],
             ["People attending them", learned["attendees"]]]
    return ["Figure", "Value"], rows


def sessions(b: dict[str, Any]) -> Table:
    """Each learning session delivered, with the attending teams' overall audit grades in
    the months before its month beside those after."""
    rows = [[s["session_title"], s["item_title"], s["delivered_on"], s["target"],
             ", ".join(s["attended_team_ids"]), s["attendees"], s["before"]["audits"],
             s["before"]["good_or_better_percent"], s["after"]["audits"],
             s["after"]["good_or_better_percent"], _label(s["change"])]
            for s in b["learn"]["sessions"]]
    return (["Session", "Programme item", "Delivered on", "For", "Teams attending", "Attendees",
             "Audits before", "Good or better before (%)", "Audits after",
             "Good or better after (%)", "Grades after"], rows)


BRIEFING_TABLES = {"audits": audits, "grades": grades, "moderation": moderation,
                   "actions": actions, "complaints": complaints, "feedback": feedback,
                   "observations": observations, "review": review, "learn": learn,
                   "sessions": sessions, "trends": trends}


FORUM_TABLES = ("audits", "grades", "complaints", "feedback", "observations", "review",
                "themed", "trends")


def forum_tables(pack: dict[str, Any]) -> dict[str, Table]:
    """The Forum pack's tables: the briefing's, without a sign-off or actions due (a
    quarter's pack has neither)."""
    shaped = {**pack, "signoff": None, "actions": {**pack["actions"], "overdue": None,
                                                   "due": None}}
    made = {**BRIEFING_TABLES, "themed": themed}
    return {name: made[name](shaped) for name in FORUM_TABLES}


def rows_table(rows: list[dict[str, Any]]) -> Table:
    """A list of fact documents as a table (drill-down exports)."""
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns and key != "as_of":
                columns.append(key)
    return columns, [[_cell(row.get(c)) for c in columns] for row in rows]


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) \
            else ", ".join(str(v) for v in value)
    return value
