"""Blanking an erased subject's personal data in a service's own collections (pure walking,
plus one function over a database).

Each service declares once, as `Holding`s, which of its collections hold a subject's data and
by which field (`case_ref`, or `cases.case_ref` inside a list); erasure finds those documents
by that field and writes "[erased]" into every field the event schemas mark as personal data,
in the object that names the subject: the whole record, or only the matching element of a
list (another child's entry beside it is left alone). Ids, dates, grades and counts are not
strings the schemas mark, so figures stay as they were."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from schemas.base import personal_fields, unmarked_fields
from schemas.catalogue import EVENTS

ERASED = "[erased]"
# `linked_from` naming no collection of this service: the ids of the subject's whole records
# that the other services named (an action raised by the child's audit, filed by audit id).
ELSEWHERE = "elsewhere"

def _last_names(paths_of) -> frozenset[str]:
    return frozenset(path.split(".")[-1] for model in EVENTS for path in paths_of(model))


# A name marked in one event but a category in another (complaints' `themes`, a checklist's
# `answer`) is left out: blanking it by name would change the figures that count it. A
# holding whose collection keeps it as personal data names it in `also` (circles' attendees).
EVERY_MARKED_NAME = _last_names(personal_fields)
AMBIGUOUS_NAMES = EVERY_MARKED_NAME & _last_names(unmarked_fields)
MARKED_NAMES = EVERY_MARKED_NAME - AMBIGUOUS_NAMES


def _same(reference: str) -> Any:
    return reference


@dataclass(frozen=True)
class Holding:
    """`collection` holds a subject of `kind` in the field at `by` (dotted; a list on the way
    is searched element by element). `stored_as` turns the reference into what is stored
    (reporting keeps a hash); `linked_from` instead matches `by` against the ids of the
    records found in that other collection (a note filed by audit id), or, with ELSEWHERE,
    against the ids of the subject's records in other services, given by the caller."""
    collection: str
    by: str
    kind: str = "child"
    stored_as: Callable[[str], Any] = _same
    linked_from: str | None = None
    also: frozenset[str] = field(default_factory=frozenset)  # names blanked beyond the marked
    # The document is filed under the reference itself (its _id), which blanking cannot
    # change: such a document is deleted instead (e.g. a learning circle's proposal).
    remove: bool = False


def blank_value(value: Any) -> Any:
    if isinstance(value, str):
        return ERASED if value else value
    if isinstance(value, list):
        return [blank_value(v) for v in value]
    if isinstance(value, dict):
        return {k: blank_value(v) for k, v in value.items()}
    return value


def blank_named(node: Any, names: frozenset[str]) -> Any:
    """`node` with every value under one of `names`, at any depth, blanked."""
    if isinstance(node, list):
        return [blank_named(v, names) for v in node]
    if isinstance(node, dict):
        return {k: blank_value(v) if k in names else blank_named(v, names)
                for k, v in node.items()}
    return node


def blank_where(node: Any, path: Sequence[str], value: Any, names: frozenset[str]
                ) -> tuple[Any, bool]:
    """`node` with the object(s) whose field at `path` equals `value` blanked; whether any."""
    if isinstance(node, list):
        walked = [blank_where(v, path, value, names) for v in node]
        return [v for v, _ in walked], any(found for _, found in walked)
    if not isinstance(node, dict) or path[0] not in node:
        return node, False
    if len(path) == 1:
        return (blank_named(node, names), True) if node[path[0]] == value else (node, False)
    inner, found = blank_where(node[path[0]], path[1:], value, names)
    return ({**node, path[0]: inner}, True) if found else (node, False)


def names_whole_record(document: dict[str, Any], path: Sequence[str]) -> bool:
    """Whether the field at `path` names the subject for the whole document (`case_ref`,
    `origin.id`), not one entry of a list among other people's (`cases.case_ref`)."""
    node: Any = document
    for name in path[:-1]:
        node = node.get(name) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            return False
    return True


@dataclass
class Blanked:
    documents: int = 0
    records: list[str] = field(default_factory=list)  # ids of whole records about the subject


def _linked(holding: Holding, found_in: dict[str, list[str]], elsewhere: Sequence[str]
            ) -> list[Any]:
    if holding.linked_from == ELSEWHERE:
        return list(elsewhere)
    return found_in.get(holding.linked_from or "", [])


async def blank_subject(db: AsyncDatabase, holdings: Sequence[Holding], *, kind: str,
                        reference: str, physical: Callable[[str], Any] | None = None,
                        elsewhere: Sequence[str] = ()) -> Blanked:
    """Blank what `holdings` say this database holds about the subject; the whole records
    found are named by id, so their own keys can be destroyed too."""
    done, found_in = Blanked(), {}
    for holding in (h for h in holdings if h.kind == kind):
        name = await physical(holding.collection) if physical else holding.collection
        path = holding.by.split(".")
        values = (_linked(holding, found_in, elsewhere) if holding.linked_from
                  else [holding.stored_as(reference)])
        # the field naming the subject is blanked with the rest; an id linking to their
        # records is no personal data, and is what finds the record again
        names = MARKED_NAMES | holding.also | (set() if holding.linked_from else {path[-1]})
        ids = []
        if holding.remove:
            removed = await db[name].delete_many({holding.by: {"$in": values}})
            done.documents += removed.deleted_count
            continue
        async for document in db[name].find({holding.by: {"$in": values}}):
            whole = names_whole_record(document, path)
            if whole:
                document = blank_named(document, names)
            for value in values if not whole else ():  # only their entries in the list
                document, _ = blank_where(document, path, value, names)
            await db[name].replace_one({"_id": document["_id"]}, document)
            done.documents += 1
            if whole:
                ids.append(str(document["_id"]))
        found_in[holding.collection] = found_in.get(holding.collection, []) + ids
        done.records.extend(ids)
    done.records = sorted(set(done.records))
    return done


async def held_about(db: AsyncDatabase, holdings: Sequence[Holding], *, kind: str,
                     reference: str, physical: Callable[[str], Any] | None = None,
                     elsewhere: Sequence[str] = ()) -> dict[str, list[dict[str, Any]]]:
    """Every document `holdings` say is about the subject, by collection (subject access):
    those naming them, then those linked to their records here or `elsewhere`."""
    held: dict[str, list[dict[str, Any]]] = {}
    found_in: dict[str, list[str]] = {}
    for holding in (h for h in holdings if h.kind == kind):
        name = await physical(holding.collection) if physical else holding.collection
        values = (_linked(holding, found_in, elsewhere) if holding.linked_from
                  else [holding.stored_as(reference)])
        known = {d["_id"] for d in held.get(holding.collection, [])}
        found = [d async for d in db[name].find({holding.by: {"$in": values}})
                 if d["_id"] not in known] if values else []
        if found:
            held.setdefault(holding.collection, []).extend(found)
        path = holding.by.split(".")
        found_in.setdefault(holding.collection, []).extend(
            str(d["_id"]) for d in found if names_whole_record(d, path))
    return held


def record_ids(held: dict[str, list[dict[str, Any]]], holdings: Sequence[Holding]) -> list[str]:
    """The ids of the whole records about the subject (not lists naming them among others),
    for the other services' ELSEWHERE links."""
    whole = {h.collection for h in holdings if "." not in h.by}
    return sorted({str(d["_id"]) for c, docs in held.items() if c in whole for d in docs})
