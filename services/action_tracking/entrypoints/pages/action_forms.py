"""The action page's forms: each control's fields, read from the posted form and checked,
with messages written for people, keyed by the field they belong next to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# step in the address → (the change it makes, its fields: name → (required, message if empty))
STEPS: dict[str, tuple[str, dict[str, str | None]]] = {
    "acknowledge": ("acknowledged", {}),
    "progress": ("progressed", {"progress_note": "Write what has been done so far",
                                "progress_evidence": None}),
    "complete": ("completed", {"completion_evidence": "Write the evidence that shows it "
                                                      "is done"}),
    "confirm": ("confirmed", {"confirm_note": None}),
    "send-back": ("sent_back", {"sendback_reason": "Write why the completion is sent back"}),
    "reassign": ("assigned", {"new_owner_id": "Choose the person who will own it",
                              "reassign_reason": None}),
    "due-date": ("rescheduled", {"due_date": "Write the new due date, as dd/mm/yyyy",
                                 "due_reason": "Write why the new date was agreed"}),
    "reopen": ("reopened", {"reopen_reason": "Write why it is reopened"}),
    "cancel": ("cancelled", {"cancel_reason": "Write why it is cancelled"}),
}
FIRST_FIELD = {step: next(iter(fields), step) for step, (_, fields) in STEPS.items()}
LIMIT = 4000


@dataclass
class Filled:
    change: str
    values: dict[str, str]
    due: date | None = None


class Unfilled(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def read(step: str, form: dict[str, str]) -> Filled:
    """The values of this step's fields (Unfilled with a message per field if not right)."""
    change, fields = STEPS[step]
    values = {name: form.get(name, "").strip() for name in fields}
    errors = {name: message for name, message in fields.items()
              if message and not values[name]}
    errors |= {name: f"Keep it under {LIMIT} characters" for name, value in values.items()
               if len(value) > LIMIT}
    due = None
    if step == "due-date" and values["due_date"] and "due_date" not in errors:
        due = uk_date(values["due_date"])
        if due is None:
            errors["due_date"] = f"{values['due_date']} is not a date: write it as dd/mm/yyyy"
    if errors:
        raise Unfilled(errors)
    return Filled(change, values, due)


def uk_date(text: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
