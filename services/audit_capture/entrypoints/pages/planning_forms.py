"""The head of quality's flat HTML form fields ⇄ the programme commands the API takes.

Lists typed one per line ("case reference, reason") keep the page a plain form that works
without JavaScript; a line that does not parse is named on its field, like a rule broken."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

THEMES = 12  # a year's programme at most
LINE_FIELDS = {"overrides": ("case_ref", "reason"),
               "additions": ("case_ref", "team_id", "category", "reason")}
LINE_HINTS = {"overrides": "write the case reference, a comma, then the reason",
              "additions": "write the case reference, team, category and reason, with commas"}


class FormProblem(ValueError):
    """A field the form itself got wrong, before any rule was asked."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _text(form: dict[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def plan_from_form(form: dict[str, str]) -> dict[str, Any]:
    themes = [_text(form, f"theme_{n}") for n in range(1, THEMES + 1)]
    while themes and not themes[-1]:  # the year runs to the last month given a theme
        themes.pop()
    return {"first_month": _text(form, "first_month"), "themes": themes,
            "moderation_sample_size": _text(form, "moderation_sample_size") or 3}


def _lines(form: dict[str, str], name: str) -> list[dict[str, str]]:
    names, entries = LINE_FIELDS[name], []
    for number, line in enumerate(_text(form, name).splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(",", len(names) - 1)]
        if len(parts) != len(names) or not all(parts):
            raise FormProblem(name, f"line {number}: {LINE_HINTS[name]}")
        entries.append(dict(zip(names, parts, strict=True)))
    return entries


def sample_from_form(form: dict[str, str]) -> dict[str, Any]:
    """FormProblem when a line of overrides or additions does not parse."""
    return {"size": _text(form, "size"), "seed": _text(form, "seed"),
            "method": _text(form, "method") or "random",
            "strata": _text(form, "strata") or "category",
            "overrides": _lines(form, "overrides"), "additions": _lines(form, "additions")}


def allocation_from_form(form: dict[str, str], sample: list[dict[str, Any]]) -> dict[str, Any]:
    """The case comes from the month's sample, so its team and category need no typing."""
    case_ref = _text(form, "case_ref")
    case = next((c for c in sample if c["case_ref"] == case_ref), None)
    if case is None:
        raise FormProblem("case_ref", "choose a case from the month's sample")
    auditors = [a for a in (_text(form, "auditor_1"), _text(form, "auditor_2")) if a]
    return {"case_ref": case_ref, "team_id": case["team_id"], "category": case.get("category"),
            "social_worker_id": case.get("social_worker_id"), "auditor_ids": auditors,
            "window_starts_on": _text(form, "window_starts_on") or None}


def form_errors(error: ValidationError, *, renames: dict[str, str] | None = None) -> dict[str, str]:
    """Field name → message: a list's entries fall on the field that holds the list."""
    renames = renames or {}
    found: dict[str, str] = {}
    for e in error.errors():
        loc = [str(part) for part in e["loc"]]
        name = renames.get(loc[0], loc[0]) if loc else ""
        message = e["msg"].removeprefix("Value error, ")
        if name in LINE_FIELDS and len(loc) >= 2:
            message = f"line {int(loc[1]) + 1}: {message}"
        found.setdefault(name, message)
    return found
