"""The ASYE programme's evidence: who is in their assessed and supported year (recorded by
the practice learning team or a principal social worker), and for each of them their audits,
reflections, observations and supervision sessions, placed against the 3/6/12-month review
points. Read by the worker, those above them, and the practice learning roles."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.auth import Principal, Role
from shared.england_time import england_day
from shared.http import current_correlation_id

from ..domain import asye as rules
from ..domain import learn
from ..domain.asye import RecordAsye
from ..domain.refusals import NotAllowed
from .deps import Deps
from .learn import _chain as chain_above

PROGRAMME_ROLES = frozenset({Role.PRACTICE_LEARNING_TEAM, Role.PRINCIPAL_SOCIAL_WORKER,
                             Role.HEAD_OF_QUALITY})


async def record(deps: Deps, command: RecordAsye, who: Principal) -> dict[str, Any]:
    """A worker's ASYE start; recording it again corrects the date."""
    document = rules.decide_asye(command, person=await deps.directory.person(command.person_id),
                                 by=who.subject, today=england_day(deps.clock.now()))
    existing = await deps.asye.get(command.person_id)
    if existing is None:
        await deps.asye.create(document, [], correlation_id=current_correlation_id())
    else:
        await deps.asye.change(existing, {k: v for k, v in document.items() if k != "_id"}, [],
                               correlation_id=current_correlation_id())
    return await deps.asye.get(command.person_id) or document


async def workers(deps: Deps) -> list[dict[str, Any]]:
    today = england_day(deps.clock.now())
    return [{**r, "points": rules.review_points(date.fromisoformat(r["started_on"]), today=today)}
            for r in await deps.asye.every()]


async def evidence(deps: Deps, person_id: str, who: Principal) -> dict[str, Any] | None:
    """None if the person is not on ASYE; NotAllowed for anyone but them, those above them
    and the practice learning roles."""
    people, teams = await chain_above(deps, [person_id])
    if not (who.has_any(PROGRAMME_ROLES) or learn.may_read({person_id}, who.subject, people, teams)):
        raise NotAllowed("a worker's ASYE evidence is read by them, those above them and the "
                         "practice learning team")
    record_ = await deps.asye.get(person_id)
    if record_ is None:
        return None
    started = date.fromisoformat(record_["started_on"])
    return {**record_, "person_id": person_id,
            "points": rules.review_points(started, today=england_day(deps.clock.now())),
            "evidence": rules.evidence(started, await _pieces(deps, person_id))}


async def _pieces(deps: Deps, person_id: str) -> list[dict[str, Any]]:
    pieces: list[dict[str, Any]] = []
    for r in await deps.results.of_worker(person_id):
        pieces.append({"kind": "audit", "id": r["_id"], "on": r["delivered_at"],
                       "title": f"Audit {r['month']}: overall {r['overall_grade']}, impact "
                                f"{r['impact_grade']}"})
        if r.get("reflection"):
            pieces.append({"kind": "reflection", "id": r["_id"],
                           "on": r["reflection"]["recorded_at"],
                           "title": f"Reflection on audit {r['month']}: "
                                    f"{r['reflection']['reflection']}"})
    for o in await deps.practice_observations.of_worker(person_id):
        graded = f", quality {o['grade']}" if o.get("grade") else ""
        pieces.append({"kind": "observation", "id": o["_id"], "on": o["on"],
                       "title": f"Observation ({o['kind']}){graded}"})
    for s in await deps.supervisions.of_person(person_id):
        if s["supervisee_id"] == person_id:
            pieces.append({"kind": "supervision", "id": s["_id"], "on": s["held_on"],
                           "title": f"Supervision ({s['status'].replace('_', ' ')})",
                           "with_id": s["supervisor_id"]})
    return pieces
