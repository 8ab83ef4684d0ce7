"""The form recording a subject access request, read field by field into words for people."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

KINDS = {"child": "A child, by case reference", "staff": "A member of staff, by person id"}
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,199}$")


def parse_new_request(form: dict[str, str], *,
                      today: date) -> tuple[dict[str, Any], dict[str, str]]:
    """(kind, reference, received_on) ready for record_request, or the errors by field."""
    errors: dict[str, str] = {}
    kind = form.get("kind", "")
    if kind not in KINDS:
        errors["kind"] = "Choose whether the request is about a child or a member of staff."
    reference = form.get("reference", "").strip()
    if not reference:
        errors["reference"] = "Give the child's case reference or the member of staff's id."
    elif not REFERENCE.match(reference):
        errors["reference"] = ("Use letters, digits, spaces and . _ / - only, starting with a "
                               "letter or digit (up to 200 characters).")
    received_on = None
    try:
        received_on = date.fromisoformat(form.get("received_on", "").strip())
    except ValueError:
        errors["received_on"] = "Give the date the request was received as YYYY-MM-DD."
    if received_on and received_on > today:
        errors["received_on"] = "The date received cannot be in the future."
    return {"kind": kind, "reference": reference, "received_on": received_on}, errors
