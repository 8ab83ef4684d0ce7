"""Checking a CSV of locality performance indicators before anything is published (pure).

A file is all or nothing: any bad row refuses the whole file, with each problem named by its
line number (the header is line 1) and column, so the performance team can fix and resend."""

from __future__ import annotations

import csv
import io
import re
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from schemas.base import Id
from schemas.common import Month
from schemas.performance import IndicatorName

COLUMNS = ("team_id", "month", "indicator", "value", "target", "better", "practice_issue")
REQUIRED = ("team_id", "month", "indicator", "value")
MAX_ROWS = 2000
# A practice issue describes practice, never a person: refuse what looks like contact details
# or a case or phone number, so they never reach the event log.
LOOKS_PERSONAL = re.compile(r"@|\d{6,}|\b[A-Z]{2,}\d{4,}\b")


class IndicatorRow(BaseModel):
    team_id: Id
    month: Month
    indicator: IndicatorName
    value: float = Field(allow_inf_nan=False)
    target: float | None = Field(default=None, allow_inf_nan=False)
    better: Literal["higher", "lower"] = "higher"
    practice_issue: str | None = Field(default=None, max_length=500)


def problem(line: int, field: str, message: str) -> dict[str, Any]:
    return {"loc": ["file", "line", line, field], "line": line, "field": field, "msg": message}


def parse_indicators(text: str, known_teams: set[str]) -> tuple[list[IndicatorRow], list[dict]]:
    """The rows, or every problem found (then the rows must not be used)."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [problem(1, c, "missing column") for c in missing]
    reader.fieldnames = header
    rows: list[IndicatorRow] = []
    problems: list[dict] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            return [], [problem(line, "file", f"more than {MAX_ROWS} rows: split the file")]
        values = {c: (raw.get(c) or "").strip() or None for c in COLUMNS}
        try:
            row = IndicatorRow.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as error:
            problems += [problem(line, ".".join(str(p) for p in e["loc"]) or "row", e["msg"])
                         for e in error.errors()]
            continue
        problems += row_problems(row, line, known_teams, seen)
        rows.append(row)
    if not rows and not problems:
        problems.append(problem(1, "file", "no rows: the file has a header only, or is empty"))
    return rows, problems


def row_problems(row: IndicatorRow, line: int, known_teams: set[str],
                 seen: dict[tuple[str, str, str], int]) -> list[dict]:
    found = []
    if row.team_id not in known_teams:
        found.append(problem(line, "team_id", "unknown team: no facts name it"))
    if row.practice_issue and LOOKS_PERSONAL.search(row.practice_issue):
        found.append(problem(line, "practice_issue",
                             "looks like personal data (an email, case or phone number)"))
    key = (row.team_id, row.month, row.indicator)
    if key in seen:
        found.append(problem(line, "indicator", f"repeats line {seen[key]} (same team and month)"))
    seen.setdefault(key, line)
    return found
