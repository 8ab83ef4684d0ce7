"""The themed audit page's flat HTML form fields ⇄ the command the API takes. A theme's
questions are numbered from 1 on the page (`question_2_answer`), not named by their ids,
which need not be valid HTML ids."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

TEXTS = ("theme_id", "case_ref", "team_id", "month")
ANSWERS = (("yes", "Yes"), ("partly", "Partly"), ("no", "No"),
           ("not_applicable", "Not applicable"))


def _text(form: dict[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def partner_agencies(form: dict[str, str]) -> list[str]:
    """One agency a line; blank lines and repeats dropped, the order typed kept."""
    agencies = [line.strip() for line in _text(form, "partner_agencies").splitlines()]
    return list(dict.fromkeys(a for a in agencies if a))


def themed_audit_from_form(form: dict[str, str], theme: dict[str, Any], *,
                           auditor_id: str) -> dict[str, Any]:
    body: dict[str, Any] = {k: _text(form, k) for k in TEXTS if _text(form, k)}
    body["auditor_ids"] = [auditor_id]
    body["partner_agencies"] = partner_agencies(form)
    body["answers"] = [{"question_id": q["id"],
                        "answer": _text(form, f"question_{n}_answer") or None,
                        "evidence": _text(form, f"question_{n}_evidence")}
                       for n, q in enumerate(theme["questions"], start=1)]
    return body


def themed_audit_errors(error: ValidationError) -> dict[str, str]:
    """Field name → message; an answer's problem falls on that question's own field."""
    found: dict[str, str] = {}
    for e in error.errors():
        loc, message = [str(part) for part in e["loc"]], e["msg"].removeprefix("Value error, ")
        if loc[:1] == ["answers"] and len(loc) >= 3:
            name = f"question_{int(loc[1]) + 1}_{loc[2]}"
            if loc[2] == "answer":
                message = "choose yes, partly, no or not applicable"
        elif e["type"] == "missing" and loc:
            name, message = loc[0], "fill this in"
        else:
            name = loc[0] if loc else ""
        found.setdefault(name, message)
    return found
