"""Recording observations and IRO/CP-chair checklists, shared by the JSON API and the pages:
the command is validated (consent, key meeting types) before it gets here; the record and
its event are stored together, and the same idempotency key again returns the same record."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded
from shared.auth import Principal, Role
from shared.envelope import derived_id
from shared.http import current_correlation_id
from shared.outbox import VersionConflict

from ..domain.observations import RecordConferenceChecklist, RecordMeetingObservation
from ..domain.observations import RecordPracticeObservation
from .deps import Deps

ObservationFact = (PracticeObservationRecorded | MeetingObservationRecorded
                   | ConferenceChecklistRecorded)


@dataclass(frozen=True)
class Recorded:
    record_id: str
    published: bool
    again: bool  # the same idempotency key again: nothing new


def record_id(who: Principal, idempotency_key: str | None) -> str:
    return (derived_id("observation", who.subject, idempotency_key) if idempotency_key
            else str(uuid.uuid4()))


async def record_practice(deps: Deps, command: RecordPracticeObservation, *, who: Principal,
                          idempotency_key: str | None) -> Recorded:
    oid = record_id(who, idempotency_key)
    fact = PracticeObservationRecorded(**command.model_dump(), observation_id=oid,
                                       observer_id=who.subject)
    return await store_record(deps, oid, "practice", fact)


async def record_meeting(deps: Deps, command: RecordMeetingObservation, *, who: Principal,
                         idempotency_key: str | None) -> Recorded:
    oid = record_id(who, idempotency_key)
    role = "director" if Role.DIRECTOR in who.roles else "head_of_service"
    fact = MeetingObservationRecorded(**command.model_dump(), observation_id=oid,
                                      observer_id=who.subject, observer_role=role)
    return await store_record(deps, oid, "meeting", fact)


async def record_checklist(deps: Deps, command: RecordConferenceChecklist, *, who: Principal,
                           idempotency_key: str | None) -> Recorded:
    """The chair's feedback goes to the worker's line manager: from the directory if unnamed."""
    cid = record_id(who, idempotency_key)
    if command.line_manager_id is None:
        manager = await deps.staff.line_manager_of(command.social_worker_id)
        command = command.model_copy(update={"line_manager_id": manager})
    fact = ConferenceChecklistRecorded(**command.model_dump(), checklist_id=cid,
                                       chair_id=who.subject)
    return await store_record(deps, cid, "checklist", fact)


async def store_record(deps: Deps, rid: str, kind: str, fact: ObservationFact) -> Recorded:
    document = {"_id": rid, "kind_of_record": kind, **fact.model_dump(mode="json")}
    try:
        published = await deps.observations.create(document, [fact],
                                                   correlation_id=current_correlation_id())
    except VersionConflict:
        return Recorded(rid, await deps.observations.publish_pending(rid), again=True)
    return Recorded(rid, published, again=False)


async def observations_listed(deps: Deps, kind_of_record: str | None) -> list[dict[str, Any]]:
    """Observations and checklists, all or of one kind (practice, meeting, checklist)."""
    return await deps.observations.listed(kind_of_record)


async def observations_of_worker(deps: Deps, worker_id: str) -> list[dict[str, Any]]:
    """A worker's practice observations and the checklists about their cases, latest first."""
    found = await deps.observations.about_worker(worker_id)
    return sorted(found, key=lambda o: str(o.get("observed_on") or o.get("held_on") or ""),
                  reverse=True)
