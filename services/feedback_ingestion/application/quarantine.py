"""A quarantined item, corrected or as it was, checked again; accepted items leave quarantine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..domain.rows import to_item
from ..domain.sources import Invalid
from .intake import Intake, Receipt


class NotOpen(Exception):
    pass


async def resubmit(intake: Intake, entry: dict[str, Any], *, correction: Any | None,
                   mappings: Mapping[str, Any], correlation_id: str) -> Receipt:
    """Receipt of the accepted item, or Invalid with the new reasons (the entry stays open)."""
    if entry["status"] != "open":
        raise NotOpen(f"quarantined item {entry['_id']} was already re-submitted")
    content = entry["content"] if correction is None else correction
    source = entry["source"]
    if entry.get("shape") == "row" and not isinstance(content, dict):
        raise Invalid(["content: a file row is an object of column → cell"])
    try:
        raw = to_item(content, mappings[source]) if entry.get("shape") == "row" else content
        item = intake.check(source, raw)
    except (AttributeError, TypeError, KeyError) as error:
        raise Invalid([f"content: cannot be read as a {entry.get('shape', 'item')} "
                       f"({type(error).__name__})"]) from None
    receipt = await intake.accept(item, correlation_id=correlation_id)
    if await intake.quarantine.resolved(entry["_id"], outcome=receipt.outcome,
                                        item_id=receipt.item_id or "", now=intake.clock()):
        await intake.counts.add(Counter({"resubmitted": 1}), day=intake.clock().date().isoformat(),
                                import_id=entry.get("import_id"))
    return receipt
