"""Refusals of a page's form in words for the person filling it in: pydantic's messages for a
missing field, an empty one or a date it cannot read say what to type instead."""

from __future__ import annotations

from pydantic import ValidationError

from .forms import form_field

PLAIN = {"missing": "Fill this in.", "string_too_short": "Fill this in.",
         "date_from_datetime_parsing": "Enter a date as YYYY-MM-DD, for example 2026-11-02.",
         "date_parsing": "Enter a date as YYYY-MM-DD, for example 2026-11-02.",
         "literal_error": "Choose one of the options.",
         "too_short": "Give at least one."}


def for_people(error: ValidationError) -> dict[str, str]:
    found: dict[str, str] = {}
    for problem in error.errors():
        message = PLAIN.get(problem["type"], problem["msg"].removeprefix("Value error, "))
        found.setdefault(form_field(tuple(problem["loc"])), message)
    return found
