"""Flat HTML form fields ⇄ the audit and moderation commands; errors back onto the fields."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

STANDARDS = range(1, 7)
IMPACT_FLAGS = ("better_off", "has_pace", "rationale_evident", "help_planned_and_purposeful")
TEXTS = ("social_worker_id", "line_manager_id", "child_seen_alone_reason", "overall_grade",
         "social_worker_reflections", "auditor_suggestions", "safeguarding_concern")


def _text(form: dict[str, str], name: str) -> str | None:
    return (form.get(name) or "").strip() or None


def findings_from_form(form: dict[str, str]) -> dict[str, Any]:
    """What the form says, shaped like AuditFindings (validation happens there)."""
    body: dict[str, Any] = {k: _text(form, k) for k in TEXTS}
    body["standards"] = [{"standard": n, "grade": _text(form, f"std{n}_grade"),
                          "evidence": form.get(f"std{n}_evidence", ""),
                          "missing": form.get(f"std{n}_missing", "")} for n in STANDARDS]
    seen = form.get("child_seen_alone", "")
    body["child_seen_alone"] = {"yes": True, "no": False}.get(seen)
    body["impact"] = {"grade": _text(form, "impact_grade"),
                      **{f: form.get(f"impact_{f}") == "on" for f in IMPACT_FLAGS}}
    for who in ("child_view", "parent_view"):
        body[who] = {"status": _text(form, f"{who}_status"),
                     "summary": form.get(f"{who}_summary", "")}
    body["completed_with_caseworker"] = form.get("completed_with_caseworker") == "on"
    body["actions"] = ([{"key": "a1", "description": _text(form, "action_description"),
                         "owner_id": _text(form, "action_owner_id"),
                         "due_date": _text(form, "action_due_date")}]
                       if _text(form, "action_description") else [])
    return {k: v for k, v in body.items() if v is not None}


def moderation_from_form(form: dict[str, str]) -> dict[str, Any]:
    return {
        "standards": [{"standard": n, "agree": form.get(f"std{n}_agree") != "no",
                       "grade": _text(form, f"std{n}_grade"),
                       "rationale": form.get(f"std{n}_rationale", "")} for n in STANDARDS],
        "overall_agree": form.get("overall_agree") != "no",
        "overall_grade": _text(form, "overall_grade"),
        "rationale": form.get("rationale", ""),
    }


def field_errors(error: ValidationError) -> dict[str, str]:
    """Form field name → message; messages about the whole form go under ""."""
    found: dict[str, str] = {}
    for e in error.errors():
        loc = [str(part) for part in e["loc"]]
        if loc[:1] == ["standards"] and len(loc) >= 3:
            name = f"std{int(loc[1]) + 1}_{loc[2]}"
        elif loc[:1] == ["actions"] and len(loc) >= 3:
            name = f"action_{loc[2]}"
        else:
            name = "_".join(loc)
        message = e["msg"].removeprefix("Value error, ")
        for text_field in TEXTS:  # model-level rules name the field they are about
            if not name and message.startswith(text_field):
                name = text_field
        found.setdefault(name, message)
    return found
