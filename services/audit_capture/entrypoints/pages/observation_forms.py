"""The observers' and chairs' flat HTML form fields ⇄ the commands the API takes."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .action_rows import action_error, actions_from_form

ASPECTS = {"governance": "Governance", "terms_of_reference": "Terms of reference",
           "leadership": "Leadership", "multi_agency_working": "Multi-agency working",
           "child_and_family_involvement": "Involvement of and impact on the child and family",
           "pace": "Pace"}
PRACTICE_TEXTS = ("worker_id", "team_id", "observed_on", "kind", "observed_scope", "activity",
                  "critique", "family_discussion", "summary")
MEETING_TEXTS = ("meeting_type", "observed_on", "chair_discussion", "learning")
CHECKLIST_TEXTS = ("conference_type", "chair_role", "held_on", "case_ref", "team_id",
                   "social_worker_id", "line_manager_id", "quality_grade", "impact_grade")
# The page's prompts about quality and impact of practice; the API takes any items.
CHECKLIST_ITEMS = ("Reports were shared with the child and family before the meeting",
                   "The child's views and wishes were evident",
                   "The plan is specific and focused on outcomes for the child",
                   "Partner agencies contributed",
                   "Progress since the last conference or review is evident",
                   "The child is better off because of the help given")


def _text(form: dict[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def _ticked(form: dict[str, str], name: str) -> bool:
    return form.get(name) == "on"


def practice_from_form(form: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {k: _text(form, k) for k in PRACTICE_TEXTS if _text(form, k)}
    body["consent_confirmed"] = _ticked(form, "consent_confirmed")
    body["shared_with_practice_learning_team"] = _ticked(form,
                                                         "shared_with_practice_learning_team")
    body["action_plan"] = _text(form, "action_plan") or None
    body.setdefault("critique", "")  # so an empty critique is named, not "missing"
    return body


def aspects_typed(form: dict[str, str]) -> list[str]:
    """The aspects the observer judged or commented on, in the framework's order."""
    return [a for a in ASPECTS if _text(form, f"aspect_{a}_grade")
            or _text(form, f"aspect_{a}_comment")]


def meeting_from_form(form: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {k: _text(form, k) for k in MEETING_TEXTS}
    for optional in ("team_id", "chair_id"):
        body[optional] = _text(form, optional) or None
    body["aspects"] = [{"aspect": a, "grade": _text(form, f"aspect_{a}_grade") or None,
                        "comment": _text(form, f"aspect_{a}_comment")}
                       for a in aspects_typed(form)]
    body["copy_to_performance_team"] = _ticked(form, "copy_to_performance_team")
    return body


def items_answered(form: dict[str, str]) -> list[int]:
    """The checklist items (numbered from 1) the chair answered or commented on."""
    return [n for n in range(1, len(CHECKLIST_ITEMS) + 1)
            if _text(form, f"item_{n}_answer") or _text(form, f"item_{n}_comment")]


def checklist_from_form(form: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {k: _text(form, k) for k in CHECKLIST_TEXTS if _text(form, k)}
    body["feedback"] = _text(form, "feedback")
    body["answers"] = [{"item": CHECKLIST_ITEMS[n - 1],
                        "answer": _text(form, f"item_{n}_answer") or None,
                        "comment": _text(form, f"item_{n}_comment")}
                       for n in items_answered(form)]
    body["actions"] = actions_from_form(form)
    return body


def observation_errors(error: ValidationError, form: dict[str, str]) -> dict[str, str]:
    """Field name → message; an aspect's problem falls on that aspect's own field."""
    judged, answered = aspects_typed(form), items_answered(form)
    found: dict[str, str] = {}
    for e in error.errors():
        loc, message = [str(part) for part in e["loc"]], e["msg"].removeprefix("Value error, ")
        if loc[:1] == ["aspects"] and len(loc) >= 3:
            name = f"aspect_{judged[int(loc[1])]}_{loc[2]}"
        elif loc[:1] == ["answers"] and len(loc) >= 3:
            name = f"item_{answered[int(loc[1])]}_{loc[2]}"
        elif loc == ["answers"]:
            name, message = "item_1_answer", "answer at least one item of the checklist"
        elif loc[:1] == ["actions"] and len(loc) >= 2:
            name, message = action_error(form, loc, e["type"], message)
        else:
            name = loc[0] if loc else ""
        found.setdefault(name, message)
    return found
