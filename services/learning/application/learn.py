"""The Learn stage's use cases and event handlers: results delivered from
`audit.results_shared`, moderation outcomes beside them, the worker's reflection,
reflective supervision, and each person's learning record with its sign-offs."""

from __future__ import annotations

import uuid
from typing import Any

from pymongo.errors import DuplicateKeyError

from schemas.audit import AuditModerated, AuditResultsShared
from shared.auth import Principal
from shared.england_time import england_day
from shared.envelope import Envelope
from shared.http import current_correlation_id
from shared.store import VersionConflict

from ..domain import learn
from ..domain.learn import RecordReflection, RecordSupervision, SignEvidence
from ..domain.refusals import NotAllowed
from .deps import Deps
from .supervision import title as discussed_title

Chain = tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]


async def on_results_shared(deps: Deps, event: AuditResultsShared, envelope: Envelope) -> None:
    """Delivered once per audit (a redelivery finds it stored)."""
    if await deps.results.get(event.audit_id) is not None:
        return
    worker = await deps.directory.person(event.social_worker_id) or {}
    document, delivered = learn.deliver(event, worker.get("line_manager_id"),
                                        envelope.occurred_at)
    try:
        await deps.results.create(document, [delivered], correlation_id=envelope.correlation_id)
    except (VersionConflict, DuplicateKeyError):
        await deps.results.publish_pending(event.audit_id)  # another instance stored it


async def on_audit_moderated(deps: Deps, event: AuditModerated, envelope: Envelope) -> None:
    await deps.results.moderated(event.audit_id, {
        "moderation_id": event.moderation_id, "moderator_id": event.moderator_id,
        "overall_agree": event.overall_agree, "overall_grade": event.overall_grade,
        "agreed_count": event.agreed_count, "good_practice": event.good_practice,
        "good_practice_note": event.good_practice_note,
        "moderated_at": event.moderated_at.isoformat()})
    if acknowledged := learn.good_practice_of(event):
        await deps.good_practice.acknowledge_once(acknowledged,
                                                  correlation_id=envelope.correlation_id)


async def my_results(deps: Deps, who: Principal) -> dict[str, Any]:
    """The audits of my cases, and those copied to me as line manager."""
    mine, copied = await deps.results.of_worker(who.subject), await deps.results.copied_to(who.subject)
    return {"mine": mine, "copied": copied, "counts": learn.with_caseworker(mine),
            "copied_counts": learn.with_caseworker(copied)}


def children_in_results(results: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    """(case reference, audit id) of each result shown, for the access log."""
    return [(r.get("case_ref"), r.get("_id")) for r in [*results["mine"], *results["copied"]]]


async def reflect(deps: Deps, audit_id: str, command: RecordReflection,
                  who: Principal) -> tuple[dict[str, Any] | None, bool]:
    result = await deps.results.get(audit_id)
    if result is None:
        return None, False
    event = learn.decide_reflection(result, command, by=who.subject, now=deps.clock.now())
    reflection = {"response": event.response, "reflection": event.reflection,
                  "recorded_at": event.recorded_at.isoformat()}
    published = await deps.results.change(result, {"reflection": reflection}, [event],
                                          correlation_id=current_correlation_id())
    return await deps.results.get(audit_id), published


async def _chain(deps: Deps, person_ids: list[str]) -> Chain:
    """The people named and everyone above them, with their teams, from the directory."""
    people: dict[str, dict[str, Any]] = {}
    teams: dict[str, dict[str, Any]] = {}
    todo = list(person_ids)
    while todo and len(people) < 50:
        person_id = todo.pop()
        if person_id in people:
            continue
        person = await deps.directory.person(person_id)
        if person is None:
            continue
        people[person_id] = person
        team_id = person.get("team_id")
        if team_id and team_id not in teams:
            teams[team_id] = await deps.directory.team(team_id) or {}
        for up in (person.get("line_manager_id"), teams.get(team_id or "", {}).get("head_of_service_id")):
            if up and up not in people:
                todo.append(up)
    return people, teams


async def record_supervision(deps: Deps, command: RecordSupervision,
                             who: Principal) -> tuple[dict[str, Any], bool]:
    people, teams = await _chain(deps, [command.supervisee_id])
    known = {a.owner_id for a in command.actions
             if await deps.directory.active_person(a.owner_id)}
    document = learn.decide_supervision(
        command, supervisor=who.subject, supervisee=people.get(command.supervisee_id),
        teams=teams, today=england_day(deps.clock.now()), known=known,
        new_id=f"sup-{uuid.uuid4().hex[:12]}")
    document["recorded_at"] = deps.clock.now().isoformat()
    published = await deps.supervisions.create(document, [],
                                               correlation_id=current_correlation_id())
    return await supervision(deps, document["_id"], who) or document, published


async def sign_supervision(deps: Deps, supervision_id: str,
                           who: Principal) -> tuple[dict[str, Any] | None, bool]:
    session = await deps.supervisions.get(supervision_id)
    if session is None:
        return None, False
    event = learn.decide_supervision_signoff(session, by=who.subject, now=deps.clock.now())
    published = await deps.supervisions.change(
        session, {"status": "signed_off", "signed_off_at": event.signed_off_at.isoformat()},
        [event], correlation_id=current_correlation_id())
    return await supervision(deps, supervision_id, who), published


async def supervision(deps: Deps, supervision_id: str, who: Principal) -> dict[str, Any] | None:
    """The session with what it discussed by title; NotAllowed for anyone but the two people
    and those above them."""
    session = await deps.supervisions.get(supervision_id)
    if session is None:
        return None
    pair = [session["supervisee_id"], session["supervisor_id"]]
    people, teams = await _chain(deps, pair)
    if not learn.may_read(set(pair), who.subject, people, teams):
        raise NotAllowed("only the two people and those above them read a supervision record")
    supervisee = session["supervisee_id"]
    return {**session, "discussed": [{**d, "title": await discussed_title(deps, d, supervisee)}
                                     for d in session.get("discussed", [])]}


async def record(deps: Deps, person_id: str, who: Principal) -> dict[str, Any]:
    """A person's learning record; NotAllowed but for them and those above them."""
    people, teams = await _chain(deps, [person_id])
    if not learn.may_read({person_id}, who.subject, people, teams):
        raise NotAllowed("a learning record is read by its person and those above them only")
    return {"person_id": person_id, "pieces": await _pieces(deps, person_id),
            "signer": learn.supervisor_of(people.get(person_id) or {}, teams),
            "counts": learn.with_caseworker(await deps.results.of_worker(person_id))}


async def _pieces(deps: Deps, person_id: str) -> list[dict[str, Any]]:
    signoffs = {(s["piece_kind"], s["piece_id"]): s
                for s in await deps.evidence.of_person(person_id)}
    sessions = [s for s in await deps.supervisions.of_person(person_id)
                if s["status"] == "signed_off"]
    others = {s["supervisor_id"] for s in sessions} | {s["supervisee_id"] for s in sessions}
    return learn.learning_record(person_id, as_worker=await deps.results.of_worker(person_id),
                                 as_auditor=await deps.results.audited_by(person_id),
                                 supervisions=sessions, signoffs=signoffs,
                                 names=await deps.directory.people_named(others),
                                 observations=await deps.practice_observations.of_worker(person_id),
                                 sessions=await _sessions_attended(deps, person_id))


async def _sessions_attended(deps: Deps, person_id: str) -> list[dict[str, Any]]:
    """Each delivered session of the L&D programme this person attended, with its item."""
    return [{**s, "session_title": s["title"], "item_title": item["title"],
             "source_text": item["source"]["text"]}
            for item in await deps.development.attended_by(person_id)
            for s in item["sessions"]
            if s["status"] == "delivered" and person_id in s["attendee_ids"]]


async def sign_evidence(deps: Deps, person_id: str, command: SignEvidence,
                        who: Principal) -> tuple[dict[str, Any], bool]:
    people, teams = await _chain(deps, [person_id])
    event = learn.decide_evidence_signoff(people.get(person_id), command, by=who.subject,
                                          teams=teams, pieces=await _pieces(deps, person_id),
                                          now=deps.clock.now())
    document = {"_id": f"{person_id}:{event.piece_kind}:{event.piece_id}",
                **event.model_dump(mode="json")}
    published = await deps.evidence.create(document, [event],
                                           correlation_id=current_correlation_id())
    return await record(deps, person_id, who), published
