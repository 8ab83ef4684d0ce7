"""Setting, lifting and asking about legal holds.

What the erasure path asks before it erases anything: `holds_covering(deps, subject)`, the
holds naming the subject, and `holds_over_records`, the holds naming no one (a team, dates,
a kind of record) that cover some of the subject's records in a service. A subject under
either is refused with each hold's reason and who set it."""

from __future__ import annotations

import uuid
from typing import Any

from shared.personal_data.retention import Hold

from ..domain.holds import HoldRefused, as_hold, checked, lifted, new_hold, subject_of
from .deps import Deps

HOLD_FIELDS = ("hold_id", "subject", "team_id", "from_date", "to_date", "record_kind",
               "reason", "set_by")


async def set_hold(deps: Deps, form: dict[str, Any], *, by: str,
                   correlation_id: str) -> tuple[dict[str, Any], bool]:
    """The hold as stored, and whether its event has reached Kafka."""
    request = checked(form)
    subject = subject_of(request)
    pseudonym = (deps.pseudonyms.of(request.subject_kind, request.subject_ref)  # type: ignore[arg-type]
                 if subject else None)
    document, event = new_hold(request, hold_id=str(uuid.uuid4()), by=by,
                               at=deps.clock.now(), pseudonym=pseudonym)
    document["version"] = 1
    published = await deps.holds.create(document, [event], correlation_id=correlation_id)
    return document, published


async def lift_hold(deps: Deps, hold_id: str, *, by: str,
                    correlation_id: str) -> dict[str, Any]:
    current = await deps.holds.get(hold_id)
    if current is None:
        raise HoldRefused({"hold_id": "There is no legal hold with this id"}, status=404)
    changes, event = lifted(current, by=by, at=deps.clock.now())
    await deps.holds.change(current, changes, [event], correlation_id=correlation_id)
    return {**current, **changes}


async def holds_in_force(deps: Deps) -> list[Hold]:
    return [as_hold(d) for d in await deps.holds.in_force()]


async def holds_covering(deps: Deps, subject: str) -> list[dict[str, Any]]:
    """The holds in force naming this subject ("child:<case ref>" or "staff:<person id>"),
    each with its id, reason, who set it and when: the erasure refuses while any is."""
    return [_summary(d) for d in await deps.holds.naming(subject.strip())]


async def holds_over_records(deps: Deps, kind: str, reference: str
                             ) -> tuple[list[dict[str, Any]], list[str]]:
    """The holds in force naming no one that cover the subject's records somewhere, each with
    its reason, who set it and how many records in which service; and the services that
    could not say (down or refusing: then nobody knows, and the erasure must wait)."""
    general = [d for d in await deps.holds.in_force() if not d.get("subject")]
    if not general:
        return [], []
    covers: dict[str, dict[str, int]] = {}
    unanswered = []
    for service in sorted(deps.retention_calls.urls):
        try:
            held_by = await deps.retention_calls.holds_on(service, kind, reference,
                                                          as_sent(general))
        except Exception:  # noqa: BLE001 - any failure: the erasure is refused until it answers
            unanswered.append(service)
            continue
        for hold_id, count in held_by.items():
            covers.setdefault(hold_id, {})[service] = count
    return [{**_summary(d), "covers": covers[d["_id"]]} for d in general
            if d["_id"] in covers], unanswered


def as_sent(holds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Holds as the services are sent them, over HTTP (a named child's reference with them)."""
    return [{k: h.get(k) for k in HOLD_FIELDS} for h in holds]


def _summary(document: dict[str, Any]) -> dict[str, Any]:
    return {"hold_id": document["_id"], "reason": document["reason"],
            "set_by": document["set_by"], "set_at": document["set_at"]}


async def all_holds(deps: Deps) -> list[dict[str, Any]]:
    return await deps.holds.listed()
