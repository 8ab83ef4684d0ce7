"""Cells of the CSV and Excel files the platform writes, safe to open in a spreadsheet."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """A cell a spreadsheet shows as written: text that a spreadsheet would read as a formula
    (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe, as OWASP
    advises against CSV injection; numbers, and text that reads as a number, stay as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
        return value
    except ValueError:
        return "'" + value
