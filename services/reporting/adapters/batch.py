"""The live rule, on documents held in memory (pure): an event sets its fact's fields only if
it is at least as new (`as_of`, the envelope's `occurred_at`) as the event that set the fact
last, so applying an event twice, or an older event after a newer one, changes nothing.

An event sets the fields it names and leaves the others; a field whose value is a mapping
is set key by key (moderation's grade for one standard leaves the audit's other standards).

`settle` applies a batch's events for one fact to the stored document, in order, exactly as
applying them one at a time would; `merge` and `fold` do the same for the rebuild, which
starts from nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from .decoding import Pending, instant


def set_fields(document: dict[str, Any], fields: dict[str, Any]) -> None:
    """`fields` into `document`: a mapping into a stored mapping key by key (new dicts, so
    a stored document read before is left as it was)."""
    for key, value in fields.items():
        held = document.get(key)
        document[key] = {**held, **value} if isinstance(value, dict) and isinstance(held, dict) \
            else value


def settle(fact_id: str, stored: dict[str, Any] | None,
           events: Sequence[tuple[dict[str, Any], datetime]]) -> dict[str, Any] | None:
    """The document `events` (fields, as_of; in the order they arrived) leave when applied
    one by one to `stored` (None: no such fact yet); None if they change nothing."""
    if stored is None and len(events) == 1:  # most facts: a new one, set once
        fields, as_of = events[0]
        return {"_id": fact_id, **fields, "as_of": instant(as_of)}
    document = dict(stored) if stored is not None else {"_id": fact_id}
    current = document.get("as_of")
    current = instant(current) if current is not None else None
    for fields, as_of in events:
        as_of = instant(as_of)
        if current is None or current <= as_of:
            set_fields(document, fields)
            document["as_of"] = current = as_of
    return None if document == stored else document


def merge(documents: dict[str, dict[str, Any]], fact_id: str, fields: dict[str, Any],
          as_of: datetime) -> str:
    """One event into the documents held in memory, by the live rule (newer wins):
    "new", "changed", or "older" (nothing done)."""
    as_of = instant(as_of)
    current = documents.get(fact_id)
    if current is None:
        documents[fact_id] = {"_id": fact_id, **fields, "as_of": as_of}
        return "new"
    if current["as_of"] <= as_of:
        set_fields(current, fields)
        current["as_of"] = as_of
        return "changed"
    return "older"


def fold(items: Iterable[Pending]) -> dict[str, dict[str, Any]]:
    """The documents these events leave, in order, by the same newer-wins rule."""
    documents: dict[str, dict[str, Any]] = {}
    for _, fact_id, fields, as_of in items:
        merge(documents, fact_id, fields, as_of)
    return documents
