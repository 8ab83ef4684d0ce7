"""The access log's search and export, as pure rules: which search the officer asked for, and
the rows of its CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from schemas.access import PURPOSES
from shared.cells import inert

COLUMNS = ["read_at", "reader_id", "reader_roles", "subject_kind", "subject_pseudonym",
           "service", "what", "record_id", "purpose"]


class SearchRefused(ValueError):
    """A search that names no subject and no person: the log is searched, never listed whole."""


@dataclass(frozen=True)
class AccessSearch:
    child: str = ""  # a case reference, as typed
    staff: str = ""  # a person id whose own data was read
    reader: str = ""  # a person id who read

    def subject(self) -> tuple[str, str] | None:
        if self.child.strip():
            return "child", self.child.strip()
        if self.staff.strip():
            return "staff", self.staff.strip()
        return None

    def check(self) -> None:
        if self.child.strip() and self.staff.strip():
            raise SearchRefused("Search for a child or a member of staff, not both at once.")
        if self.subject() is None and not self.reader.strip():
            raise SearchRefused("Give a child's case reference, a member of staff's id, or "
                                "the id of the person who read.")


def purpose_label(value: str | None) -> str:
    return PURPOSES.get(value or "", "Not asked or not given")


def as_csv(entries: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow([inert(_cell(entry.get(column))) for column in COLUMNS])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " ".join(map(str, value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else value
