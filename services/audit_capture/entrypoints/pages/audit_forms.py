"""Flat HTML form fields ⇄ the audit and moderation commands; errors back onto the fields."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from schemas.audit import AUDIT_COMPETENCIES

from .action_rows import action_error, actions_from_form, rows_from_actions

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
    body["actions"] = actions_from_form(form)
    return {k: v for k, v in body.items() if v is not None}


def values_from_draft(draft: Mapping[str, Any]) -> dict[str, str]:
    """A saved draft as the form's fields. The page saves its own flat fields; a draft saved
    through the API in AuditFindings' shape is flattened; a page draft from before the action
    rows (`action_description`, ...) shows in row 1. Flat fields win over the API's shape."""
    values: dict[str, str] = {}
    for n, entry in _listed(draft.get("standards"), "standard"):
        values |= {f"std{n}_{f}": str(entry[f]) for f in ("grade", "evidence", "missing")
                   if entry.get(f) is not None}
    if isinstance(draft.get("child_seen_alone"), bool):
        values["child_seen_alone"] = "yes" if draft["child_seen_alone"] else "no"
    impact = draft.get("impact") if isinstance(draft.get("impact"), Mapping) else {}
    if impact.get("grade") is not None:
        values["impact_grade"] = str(impact["grade"])
    values |= {f"impact_{f}": "on" for f in IMPACT_FLAGS if impact.get(f) is True}
    for who in ("child_view", "parent_view"):
        view = draft.get(who) if isinstance(draft.get(who), Mapping) else {}
        values |= {f"{who}_{f}": str(view[f]) for f in ("status", "summary")
                   if view.get(f) is not None}
    if draft.get("completed_with_caseworker") is True:
        values["completed_with_caseworker"] = "on"
    values |= rows_from_actions(draft.get("actions"))
    values |= {f"action_1_{f}": str(draft[f"action_{f}"])
               for f in ("description", "owner_id", "due_date") if draft.get(f"action_{f}")}
    return values | {k: v for k, v in draft.items() if isinstance(v, str)}


def _listed(entries: Any, number: str) -> list[tuple[int, Mapping[str, Any]]]:
    return [(e[number], e) for e in entries if isinstance(e, Mapping)
            and isinstance(e.get(number), int)] if isinstance(entries, list) else []


def moderation_from_form(form: dict[str, str]) -> dict[str, Any]:
    return {
        "standards": [{"standard": n, "agree": form.get(f"std{n}_agree") != "no",
                       "grade": _text(form, f"std{n}_grade"),
                       "rationale": form.get(f"std{n}_rationale", "")} for n in STANDARDS],
        "overall_agree": form.get("overall_agree") != "no",
        "overall_grade": _text(form, "overall_grade"),
        "rationale": form.get("rationale", ""),
        "good_practice": form.get("good_practice") == "on",
        "good_practice_note": form.get("good_practice_note", ""),
        "learning_needs": [need for need in AUDIT_COMPETENCIES if form.get(f"need_{need}") == "on"],
        "learning_needs_note": form.get("learning_needs_note", ""),
        "evidence_quality": _text(form, "evidence_quality"),
        "timeliness": _text(form, "timeliness"),
    }


def field_errors(error: ValidationError, form: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Form field name → message; messages about the whole form go under "". `form` is what
    was posted, so an action's problem falls on the row it was typed in."""
    found: dict[str, str] = {}
    for name, _, message in _located(error, form):
        found.setdefault(name, message)
    return found


_STANDARD_GRADE = re.compile(r"std(\d)_grade")
_ACTION_FIELD = re.compile(r"action_(\d+)_(description|owner_id|due_date)")
_VIEWS = {"child_view_status": "the child's view", "parent_view_status": "the parent's or carer's view"}
_WRITTEN = {
    "social_worker_id": "Write the social worker's staff id",
    "overall_grade": "Choose an overall grade",
    "impact_grade": "Choose a grade for the impact for the child",
}
_ACTION_NEEDS = {"description": "what needs to happen", "owner_id": "an owner (their staff id)",
                 "due_date": "a date it is due by"}


def audit_form_errors(error: ValidationError, form: Mapping[str, Any]) -> dict[str, str]:
    """The audit form's refusals written for the person filling it, each on its field:
    "Choose a grade for Standard 2", "31/02/2027 is not a date: write it as dd/mm/yyyy"."""
    found: dict[str, str] = {}
    for name, kind, message in _located(error, form):
        found.setdefault(name, _for_people(name, kind, message, form))
    return found


def _for_people(name: str, kind: str, message: str, form: Mapping[str, Any]) -> str:
    if m := _STANDARD_GRADE.fullmatch(name):
        return f"Choose a grade for Standard {m[1]}"
    if name in _WRITTEN:
        return _WRITTEN[name]
    if name in _VIEWS:
        return f"Say whether {_VIEWS[name]} was obtained, not appropriate or not possible"
    if m := _ACTION_FIELD.fullmatch(name):
        typed = str(form.get(name) or "").strip()
        if m[2] == "due_date" and typed:
            return f"{typed} is not a date: write it as dd/mm/yyyy"
        if not typed:
            return (f"Action {m[1]} needs {_ACTION_NEEDS[m[2]]}: fill this in, or clear the "
                    "row if the action is not needed")
    if kind == "string_too_long":
        return f"This is too long: {message.lower()}"
    return message


def _located(error: ValidationError,
             form: Mapping[str, Any] | None) -> list[tuple[str, str, str]]:
    """(form field, error type, message) of each validation error."""
    located = []
    for e in error.errors():
        loc = [str(part) for part in e["loc"]]
        message = e["msg"].removeprefix("Value error, ")
        if loc[:1] == ["standards"] and len(loc) >= 3:
            name = f"std{int(loc[1]) + 1}_{loc[2]}"
        elif loc[:1] == ["actions"] and len(loc) >= 2:
            name, message = action_error(form or {}, loc, e["type"], message)
        else:
            name = "_".join(loc)
        for text_field in TEXTS:  # model-level rules name the field they are about
            if not name and message.startswith(text_field):
                name = text_field
        located.append((name, e["type"], message))
    return located
