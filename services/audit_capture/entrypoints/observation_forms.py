"""The observers' flat HTML form fields ⇄ the observation commands the API takes."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

ASPECTS = {"governance": "Governance", "terms_of_reference": "Terms of reference",
           "leadership": "Leadership", "multi_agency_working": "Multi-agency working",
           "child_and_family_involvement": "Involvement of and impact on the child and family",
           "pace": "Pace"}
PRACTICE_TEXTS = ("worker_id", "team_id", "observed_on", "kind", "observed_scope", "activity",
                  "critique", "family_discussion", "summary")
MEETING_TEXTS = ("meeting_type", "observed_on", "chair_discussion", "learning")


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


def observation_errors(error: ValidationError, form: dict[str, str]) -> dict[str, str]:
    """Field name → message; an aspect's problem falls on that aspect's own field."""
    judged = aspects_typed(form)
    found: dict[str, str] = {}
    for e in error.errors():
        loc = [str(part) for part in e["loc"]]
        if loc[:1] == ["aspects"] and len(loc) >= 3:
            name = f"aspect_{judged[int(loc[1])]}_{loc[2]}"
        else:
            name = loc[0] if loc else ""
        found.setdefault(name, e["msg"].removeprefix("Value error, "))
    return found
