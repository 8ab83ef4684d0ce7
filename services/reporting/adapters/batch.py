"""Applying many facts in few round trips (the rebuild), with the same rule as one by one:
a fact is set only if no newer event set it already.

Events for one fact within a batch are folded in memory first; new facts are then inserted
together (FerretDB 1.24 inserts by index but scans the collection for each update), and
only facts that already existed are applied one event at a time."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from pymongo.errors import BulkWriteError

from .decoding import Pending
from .facts import FactStore


def merge(documents: dict[str, dict[str, Any]], fact_id: str, fields: dict[str, Any],
          as_of: datetime) -> str:
    """One event into the documents held in memory, by the live rule (newer wins):
    "new", "changed", or "older" (nothing done)."""
    current = documents.get(fact_id)
    if current is None:
        documents[fact_id] = {"_id": fact_id, **fields, "as_of": as_of}
        return "new"
    if current["as_of"] <= as_of:
        current.update(fields, as_of=as_of)
        return "changed"
    return "older"


def fold(items: list[Pending]) -> dict[str, dict[str, Any]]:
    """The documents these events leave, in order, by the same newer-wins rule."""
    documents: dict[str, dict[str, Any]] = {}
    for _, fact_id, fields, as_of in items:
        merge(documents, fact_id, fields, as_of)
    return documents


async def apply_many(facts: FactStore, pending: list[Pending]) -> None:
    by_collection: dict[str, list[Pending]] = defaultdict(list)
    for item in pending:
        by_collection[item[0]].append(item)
    for collection, items in by_collection.items():
        target = await facts.collection(collection)
        documents = list(fold(items).values())
        try:
            await target.insert_many(documents, ordered=False)
            continue
        except BulkWriteError as error:
            existing = {documents[e["index"]]["_id"] for e in error.details["writeErrors"]
                        if e.get("code") == 11000}
            if len(existing) != len(error.details["writeErrors"]):
                raise
        for _, fact_id, fields, as_of in items:
            if fact_id in existing:
                await facts.apply(collection, fact_id, fields, as_of=as_of)
