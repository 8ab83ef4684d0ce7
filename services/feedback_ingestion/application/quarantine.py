"""Quarantined items: listed and read (content only for the roles that may), and checked
again, corrected or as they were; accepted items leave quarantine."""

from __future__ import annotations

from collections import Counter
from typing import Any

from shared.auth import Principal
from shared.england_time import england_day

from ..domain.rows import to_item
from ..domain.sources import Invalid
from .deps import Deps
from .intake import Receipt, accept, check
from .privacy import quarantine_view


class UnknownEntry(Exception):
    pass


class NotOpen(Exception):
    pass


async def quarantined(deps: Deps, who: Principal, *, status: str | None, source: str | None,
                      limit: int) -> list[dict[str, Any]]:
    """The latest first; `status` and `source` None for all."""
    found = await deps.quarantine.list(status=status, source=source, limit=limit)
    return [quarantine_view(deps, who, e) for e in found]


async def quarantined_entry(deps: Deps, who: Principal, entry_id: str) -> dict[str, Any] | None:
    found = await deps.quarantine.get(entry_id)
    return None if found is None else quarantine_view(deps, who, found)


async def resubmit(deps: Deps, entry_id: str, *, correction: Any | None,
                   correlation_id: str) -> Receipt:
    """Receipt of the accepted item. UnknownEntry, NotOpen, or Invalid with the new reasons
    (kept on the entry, which stays open with the content tried)."""
    entry = await deps.quarantine.get(entry_id)
    if entry is None:
        raise UnknownEntry(f"no quarantined item {entry_id}")
    try:
        receipt = await _check_again(deps, entry, correction=correction,
                                     correlation_id=correlation_id)
    except Invalid as invalid:
        await deps.quarantine.still_failing(
            entry_id, content=entry["content"] if correction is None else correction,
            reasons=invalid.reasons)
        raise
    return receipt


async def _check_again(deps: Deps, entry: dict[str, Any], *, correction: Any | None,
                       correlation_id: str) -> Receipt:
    if entry["status"] != "open":
        raise NotOpen(f"quarantined item {entry['_id']} was already re-submitted")
    content = entry["content"] if correction is None else correction
    source = entry["source"]
    if entry.get("shape") == "row" and not isinstance(content, dict):
        raise Invalid(["content: a file row is an object of column → cell"])
    try:
        raw = to_item(content, deps.mappings[source]) if entry.get("shape") == "row" else content
        item = check(deps, source, raw)
    except (AttributeError, TypeError, KeyError) as error:
        raise Invalid([f"content: cannot be read as a {entry.get('shape', 'item')} "
                       f"({type(error).__name__})"]) from None
    receipt = await accept(deps, item, correlation_id=correlation_id)
    if await deps.quarantine.resolved(entry["_id"], outcome=receipt.outcome,
                                      item_id=receipt.item_id or "", now=deps.clock()):
        await deps.counts.add(Counter({"resubmitted": 1}), day=england_day(deps.clock()).isoformat(),
                              import_id=entry.get("import_id"))
    return receipt


def named_children(entries: list[dict[str, Any]]) -> list[tuple[str | None, str | None]]:
    """(case reference, entry id) of each entry whose shown content names a child (for the
    access log; a redacted entry shows none)."""
    return [(e["content"].get("case_ref"), str(e.get("_id"))) for e in entries
            if isinstance(e.get("content"), dict)]
