"""Setting, lifting and asking about legal holds.

`holds_covering(deps, subject)` is what the erasure path asks before it erases anything: a
subject under a hold in force is refused with each hold's reason and who set it."""

from __future__ import annotations

import uuid
from typing import Any

from shared.personal_data.retention import Hold

from ..domain.holds import HoldRefused, as_hold, checked, lifted, new_hold, subject_of
from .deps import Deps


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
    return [{"hold_id": d["_id"], "reason": d["reason"], "set_by": d["set_by"],
             "set_at": d["set_at"]} for d in await deps.holds.naming(subject.strip())]


async def all_holds(deps: Deps) -> list[dict[str, Any]]:
    return await deps.holds.listed()
