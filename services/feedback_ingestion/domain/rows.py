"""One file row (header → cell) into the item shape a source's checks expect.

A mapping per source (config/ingestion.json) names the file's column for each field. Dates
are UK (dd/mm/yyyy; Excel's own dates pass through); lists are split on ';'; yes/no cells
become booleans; `stages.N.field` columns build a complaint's stages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from .sources import Invalid

DATE_FIELDS = {"received_on", "started_on", "responded_on", "extended_on", "panel_on"}
LIST_FIELDS = {"themes", "feelings"}
BOOL_FIELDS = {"safety_link", "extended"}
INT_FIELDS = {"rating"}
TRUE, FALSE = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
REPLACEMENT = "\ufffd"  # what a byte that is not UTF-8 decodes to


class UnknownColumns(Exception):
    """The header does not match the source's mapping: nothing in the file can be read."""


def check_header(header: list[str], mapping: Mapping[str, Any]) -> None:
    columns = mapping["columns"]
    missing = [c for c in mapping["required"] if c not in header]
    if missing:
        raise UnknownColumns(
            f"unknown column set: missing {', '.join(missing)}; expected columns "
            f"{', '.join(columns)}; found {', '.join(h for h in header if h) or 'none'}")


def uk_date(cell: Any) -> str:
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    text = str(cell).strip()
    try:
        return datetime.strptime(text, "%d/%m/%Y").date().isoformat()
    except ValueError:
        raise ValueError("not a UK date (dd/mm/yyyy)") from None


def convert(field: str, cell: Any) -> Any:
    name = field.rsplit(".", 1)[-1]
    if name in DATE_FIELDS:
        return uk_date(cell)
    if name in LIST_FIELDS:
        return [p.strip() for p in str(cell).split(";") if p.strip()]
    if name in BOOL_FIELDS:
        text = str(cell).strip().lower()
        if text not in TRUE | FALSE:
            raise ValueError("expected yes or no")
        return text in TRUE
    if name in INT_FIELDS and isinstance(cell, str):
        return int(cell.strip()) if cell.strip().lstrip("-").isdigit() else cell.strip()
    return cell.strip() if isinstance(cell, str) else cell


def to_item(row: Mapping[str, Any], mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The raw item for a row, or Invalid naming every column that cannot be read."""
    item: dict[str, Any] = {}
    stages: dict[int, dict[str, Any]] = {}
    reasons = []
    for column, field in mapping["columns"].items():
        cell = row.get(column)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue  # empty cell: the field's own rules say whether it was needed
        if isinstance(cell, str) and REPLACEMENT in cell:
            reasons.append(f"{column}: not UTF-8 text (wrong encoding?)")
            continue
        try:
            value = convert(field, cell)
        except ValueError as error:
            reasons.append(f"{column}: {error}")
            continue
        if field.startswith("stages."):
            _, number, name = field.split(".")
            stages.setdefault(int(number), {"stage": int(number)})[name] = value
        else:
            item[field] = value
    if reasons:
        raise Invalid(reasons)
    if stages:
        item["stages"] = [stages[n] for n in sorted(stages)]
    return item


def row_key(source: str, shape: str, content: Any) -> str:
    """What makes a quarantined input "the same row" when a file is imported again: its
    source and its content, cell for cell (not its row number, which moves when rows are
    added above it). A re-import updates the one open entry with this key."""
    canonical = json.dumps([source, shape, content], sort_keys=True, default=str,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
