"""The supervision form: what was discussed is ticked from the supervisee's own records (never
typed ids), agreed points one per line, next steps in rows whose owner is chosen."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

STEP_ROWS = 2


def command_from_form(form: dict[str, str], ticked: list[str]) -> dict[str, Any]:
    """`ticked`: the checked `discussed` boxes, each `kind:id`."""
    steps = [{"key": f"step-{n}", "description": form[f"step_{n}_description"].strip(),
              "owner_id": form.get(f"step_{n}_owner_id", ""),
              "due_date": form.get(f"step_{n}_due_date", "")}
             for n in range(1, STEP_ROWS + 1) if form.get(f"step_{n}_description", "").strip()]
    return {"supervisee_id": form.get("supervisee_id", ""), "held_on": form.get("held_on", ""),
            "discussed": [dict(zip(("kind", "id"), item.split(":", 1), strict=True))
                          for item in ticked if ":" in item],
            "agreed": [line.strip() for line in form.get("agreed", "").splitlines()
                       if line.strip()],
            "actions": steps}


def form_field(loc: tuple[Any, ...] | str) -> str:
    """Where a command's field is on the form: a next step's field is its row's input."""
    parts = [str(p) for p in (loc.split(".") if isinstance(loc, str) else loc) if p != "body"]
    if parts[:1] == ["actions"] and len(parts) >= 3:
        return f"step_{int(parts[1]) + 1}_{parts[2]}"
    if parts[:1] == ["discussed"]:
        return "discussed"
    return parts[0] if parts else ""


MESSAGES = {"date_from_datetime_parsing": "Enter a date as YYYY-MM-DD, for example 2026-11-03",
            "date_parsing": "Enter a date as YYYY-MM-DD, for example 2026-11-03",
            "string_too_short": "This cannot be left empty"}


def errors_of(error: ValidationError) -> dict[str, str]:
    found: dict[str, str] = {}
    for problem in error.errors():
        message = MESSAGES.get(problem["type"], problem["msg"].removeprefix("Value error, "))
        found.setdefault(form_field(tuple(problem["loc"])), message)
    return found
