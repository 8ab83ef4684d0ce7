"""The pages' optional action rows (what, who, by when) ⇄ the API's list of actions, shared by
the audit form and the checklist page. Rows are numbered from 1 (`action_2_owner_id`); a row
with anything typed is checked, never silently dropped, and its key (`a2`) is stable, so the
action derived from it keeps its id."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

ROWS_OFFERED = 3  # the pages offer three rows; more appear when a draft or a post holds more
ACTION_FIELDS = ("description", "owner_id", "due_date")
MISSING = "an action needs what, who and by when: fill this in or clear the row"
_ROW_FIELD = re.compile(r"action_([1-9][0-9]?)_(?:" + "|".join(ACTION_FIELDS) + ")")


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def action_rows(form: Mapping[str, Any]) -> range:
    """The rows to show: three, or up to the highest numbered row with anything typed."""
    typed = [int(m[1]) for name in form if (m := _ROW_FIELD.fullmatch(name))
             and _text(form, name)]
    return range(1, max([ROWS_OFFERED, *typed]) + 1)


def actions_typed(form: Mapping[str, Any]) -> list[int]:
    """The rows with anything typed in any of their fields."""
    return [n for n in action_rows(form)
            if any(_text(form, f"action_{n}_{f}") for f in ACTION_FIELDS)]


_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def iso_date(typed: str) -> str:
    """A date typed as dd/mm/yyyy (or YYYY-MM-DD) as YYYY-MM-DD; anything else as typed, for
    the check to refuse ("31/02/2027 is not a date")."""
    if m := _UK_DATE.fullmatch(typed):
        try:
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        except ValueError:
            return typed
    return typed


def actions_from_form(form: Mapping[str, Any]) -> list[dict[str, str]]:
    """One action per typed row, shaped like RaisedAction. Empty fields are left out, so a
    partly filled row is refused on each empty field rather than dropped."""
    return [{"key": f"a{n}"} | {f: iso_date(value) if f == "due_date" else value
                                for f in ACTION_FIELDS
                                if (value := _text(form, f"action_{n}_{f}"))}
            for n in actions_typed(form)]


def rows_from_actions(actions: Any) -> dict[str, str]:
    """The API's list of actions (a draft saved through the API) as row fields."""
    rows: dict[str, str] = {}
    for n, action in enumerate(actions if isinstance(actions, list) else [], start=1):
        for f in ACTION_FIELDS:
            value = action.get(f) if isinstance(action, Mapping) else None
            if value is not None:
                rows[f"action_{n}_{f}"] = str(value)
    return rows


def action_error(form: Mapping[str, Any], loc: list[str], error_type: str,
                 message: str) -> tuple[str, str]:
    """(the form field, the message) for a validation error at `actions.<i>.<field>`."""
    typed = actions_typed(form)
    index = int(loc[1])
    row = typed[index] if index < len(typed) else index + 1
    if len(loc) < 3:
        return f"action_{row}_description", message
    return f"action_{row}_{loc[2]}", MISSING if error_type == "missing" else message
