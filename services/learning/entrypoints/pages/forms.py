"""Turning the pages' plain forms into the API's commands, and refusals into messages next
to the fields they name. Lists are typed one item per line."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

ACTION_ROWS = 3
SUPPORT_ROWS = 2
THEME_ROWS = 2
ESCALATE_TO = [("senior_managers", "Senior managers"), ("council", "Other parts of the council"),
               ("partners", "Partners")]
OUTCOMES = [("", "Not reviewed yet"), ("met", "Met"), ("partly_met", "Partly met"),
            ("not_met", "Not met"), ("dropped", "Dropped")]
NEEDS = [("support", "Additional support"), ("direction", "Direction"),
         ("guidance", "Guidance"), ("training", "Training")]


def lines(form: dict[str, str], name: str) -> list[str]:
    return [line.strip() for line in form.get(name, "").splitlines() if line.strip()]


def schedule_from_form(form: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": form.get("kind", ""), "title": form.get("title", ""),
        "scheduled_for": form.get("scheduled_for", ""),
        "team_id": form.get("team_id") or None, "chair_id": form.get("chair_id") or None,
        "invited_ids": lines(form, "invited_ids"), "guest_ids": lines(form, "guest_ids")}
    if form.get("pack_report"):
        body["pack"] = {"report": form["pack_report"], "period_from": form.get("pack_from", ""),
                        "period_to": form.get("pack_to", ""),
                        "filters": {"team_id": body["team_id"]} if body["team_id"] else {}}
    return body


def held_from_form(form: dict[str, str]) -> dict[str, Any]:
    return {"held_on": form.get("held_on", ""), "chair_id": form.get("chair_id") or None,
            "attendee_ids": lines(form, "attendee_ids"), "guest_ids": lines(form, "guest_ids")}


def minutes_from_form(form: dict[str, str], clinic: bool, carried: list[dict[str, Any]],
                      answerable: list[dict[str, Any]] = ()) -> dict[str, Any]:
    body: dict[str, Any] = {
        "notes": form.get("notes", ""), "findings": lines(form, "findings"),
        "recommendations": lines(form, "recommendations"),
        "decisions": lines(form, "decisions"), "no_decisions": form.get("no_decisions") == "on",
        "actions": [{"key": f"a{n}", "description": form[f"action_{n}_description"],
                     "owner_id": form.get(f"action_{n}_owner_id", ""),
                     "due_date": form.get(f"action_{n}_due_date", "")}
                    for n in range(1, ACTION_ROWS + 1)
                    if form.get(f"action_{n}_description", "").strip()]}
    answers = [{"meeting_id": t["meeting_id"], "theme_id": t["theme_id"],
                "answer": form[f"answer_{n}"].strip()}
               for n, t in enumerate(answerable, 1) if form.get(f"answer_{n}", "").strip()]
    if answers:
        body["answers"] = answers
    if clinic:
        body["clinic"] = {
            "priorities": lines(form, "priorities"),
            "priority_outcomes": [{"priority_id": p["priority_id"], "outcome": form[f"outcome_{n}"],
                                   "note": form.get(f"outcome_{n}_note", "")}
                                  for n, p in enumerate(carried, 1) if form.get(f"outcome_{n}")],
            "learning_sessions": lines(form, "learning_sessions"),
            "coaching_requested": lines(form, "coaching_requested"),
            "escalated_themes": [{"theme_id": f"t{n}", "text": form[f"theme_{n}_text"],
                                  "to": form.get(f"theme_{n}_to", "")}
                                 for n in range(1, THEME_ROWS + 1)
                                 if form.get(f"theme_{n}_text", "").strip()],
            "support": [{"person_id": form[f"support_{n}_person_id"],
                         "need": form.get(f"support_{n}_need", ""),
                         "note": form.get(f"support_{n}_note", "")}
                        for n in range(1, SUPPORT_ROWS + 1)
                        if form.get(f"support_{n}_person_id", "").strip()]}
    return body


# Where a command's field is on the form (a list item's field → its row's input).
def form_field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "minutes")]
    if parts[:1] == ["actions"] and len(parts) >= 3:
        return f"action_{int(parts[1]) + 1}_{parts[2]}"
    if parts[:2] == ["clinic", "support"] and len(parts) >= 4:
        return f"support_{int(parts[2]) + 1}_{parts[3]}"
    if parts[:2] == ["clinic", "escalated_themes"] and len(parts) >= 4:
        return f"theme_{int(parts[2]) + 1}_{parts[3]}"
    if parts[:1] == ["answers"] and len(parts) >= 2:
        return f"answer_{int(parts[1]) + 1}"
    if parts[:1] == ["pack"] and len(parts) >= 2:
        return {"period_from": "pack_from", "period_to": "pack_to"}.get(parts[1], "pack_report")
    if parts[:1] in (["invited_ids"], ["attendee_ids"], ["guest_ids"]):
        return parts[0]
    return parts[-1] if parts and parts[0] == "clinic" else (parts[0] if parts else "")


def errors_of(error: ValidationError) -> dict[str, str]:
    found: dict[str, str] = {}
    for problem in error.errors():
        found.setdefault(form_field(tuple(problem["loc"])),
                         problem["msg"].removeprefix("Value error, "))
    return found
