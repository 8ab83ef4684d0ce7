"""The retention schedule read from configuration, and refused at start-up if it is wrong.

One `[[rule]]` table per kind of record (deploy/config/retention.toml; QA_RETENTION_SCHEDULE
names another file). A mistake names the file and the line, so whoever edits the schedule
can find it: a service must not start and then keep, or delete, the wrong records.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .retention import DATE_FIELDS, Disposal, Period, RecordKind, RetentionRule

DEFAULT_SCHEDULE = Path(__file__).resolve().parents[2] / "deploy" / "config" / "retention.toml"
KEYS = {"kind", "period", "counts_from", "disposal", "source"}
PERIOD_PART = re.compile(r"\s*(-?\s*\d+)\s*(year|month|day)s?\s*,?", re.IGNORECASE)


class RetentionScheduleError(ValueError):
    """The schedule cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class RetentionSchedule:
    rules: dict[RecordKind, RetentionRule]

    def rule_for(self, kind: RecordKind) -> RetentionRule | None:
        return self.rules.get(kind)


def schedule_for(settings: Any) -> RetentionSchedule:
    """The schedule a service's settings name (QA_RETENTION_SCHEDULE), else the shipped one."""
    return load_schedule(Path(settings.retention_schedule) if settings.retention_schedule
                         else DEFAULT_SCHEDULE)


def load_schedule(path: Path = DEFAULT_SCHEDULE) -> RetentionSchedule:
    text = path.read_text(encoding="utf-8")
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RetentionScheduleError(f"{path}: {error}") from None
    lines = _RuleLines(text)
    rules: dict[RecordKind, RetentionRule] = {}
    for index, table in enumerate(parsed.get("rule", [])):
        rule = _rule(table, where=lambda key, i=index: f"{path}:{lines.of(i, key)}")
        if rule.kind in rules:
            raise RetentionScheduleError(
                f"{path}:{lines.of(index, 'kind')}: a second rule for {rule.kind}: "
                "one rule per kind of record")
        rules[rule.kind] = rule
    if not rules:
        raise RetentionScheduleError(f"{path}: no [[rule]] tables: the schedule is empty")
    return RetentionSchedule(rules)


def _rule(table: dict[str, Any], *, where: Any) -> RetentionRule:
    for key in sorted(KEYS - table.keys()):
        raise RetentionScheduleError(f"{where('kind')}: the rule has no {key}")
    for key in sorted(table.keys() - KEYS):
        raise RetentionScheduleError(f"{where(key)}: unknown setting {key!r}; a rule has "
                                     f"{', '.join(sorted(KEYS))}")
    try:
        kind = RecordKind(table["kind"])
    except ValueError:
        raise RetentionScheduleError(
            f"{where('kind')}: unknown record kind {table['kind']!r}; the kinds are "
            f"{', '.join(k.value for k in RecordKind)}") from None
    period = parse_period(table["period"], where=where("period"))
    if table["counts_from"] not in DATE_FIELDS[kind]:
        raise RetentionScheduleError(
            f"{where('counts_from')}: {kind} records have no date {table['counts_from']!r}; "
            f"they can count from {', '.join(DATE_FIELDS[kind])}")
    try:
        disposal = Disposal(table["disposal"])
    except ValueError:
        raise RetentionScheduleError(f"{where('disposal')}: disposal is delete or blank, "
                                     f"not {table['disposal']!r}") from None
    if not str(table["source"]).strip():
        raise RetentionScheduleError(f"{where('source')}: the rule's source is empty")
    return RetentionRule(kind=kind, period=period, counts_from=table["counts_from"],
                         disposal=disposal, source=str(table["source"]).strip())


def parse_period(value: Any, *, where: str) -> Period:
    """'6 years', '2 years, 6 months', '90 days'; never negative."""
    text = str(value)
    parts = {"year": 0, "month": 0, "day": 0}
    position = 0
    for match in PERIOD_PART.finditer(text):
        if match.start() != position:
            break
        number = int(match.group(1).replace(" ", ""))
        if number < 0:
            raise RetentionScheduleError(f"{where}: the period {text!r} is negative; a "
                                         "record cannot be kept for less than no time")
        parts[match.group(2).lower()] += number
        position = match.end()
    if position == 0 or text[position:].strip():
        raise RetentionScheduleError(f"{where}: the period {text!r} is not a number of "
                                     "years, months or days, e.g. '6 years' or '18 months'")
    return Period(years=parts["year"], months=parts["month"], days=parts["day"])


class _RuleLines:
    """Line numbers of each [[rule]] table's keys (tomllib keeps none)."""

    def __init__(self, text: str) -> None:
        self._tables: list[dict[str, int]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith("[[rule]]"):
                self._tables.append({"[[rule]]": number})
            elif self._tables and "=" in stripped and not stripped.startswith("#"):
                self._tables[-1].setdefault(stripped.split("=", 1)[0].strip(), number)

    def of(self, index: int, key: str) -> str:
        table = self._tables[index] if index < len(self._tables) else {}
        return f"line {table.get(key, table.get('[[rule]]', '?'))}"
