"""Practice and meeting observations, IRO/CP-chair checklists, and the standards themselves."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Header, Request, Response, status

from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded
from schemas.standards import standards_document
from shared.auth import Principal, Role, allow
from shared.envelope import derived_id
from shared.http import PENDING_RESPONSE, current_correlation_id
from shared.outbox import VersionConflict

from ..domain.observations import RecordConferenceChecklist, RecordMeetingObservation
from ..domain.observations import RecordPracticeObservation
from .common import READERS, deps, recorded

router = APIRouter(tags=["observations"])
PRACTICE_OBSERVERS = (Role.TEAM_MANAGER, Role.PRINCIPAL_SOCIAL_WORKER, Role.HEAD_OF_SERVICE)
MEETING_OBSERVERS = (Role.HEAD_OF_SERVICE, Role.DIRECTOR)
CHAIRS = (Role.AUDITOR, Role.HEAD_OF_QUALITY)  # IROs and CP chairs sit in the audit groups
CREATED = {"status_code": status.HTTP_201_CREATED, "responses": PENDING_RESPONSE}


@router.get("/standards")
async def standards(_: Principal = Depends(allow(*tuple(Role)))) -> dict[str, Any]:
    """The Standards for Practice, the Customer Service Standards and the grade scale."""
    return standards_document()


@router.post("/observations/practice", **CREATED)
async def practice(command: RecordPracticeObservation, request: Request, response: Response,
                   who: Principal = Depends(allow(*PRACTICE_OBSERVERS)),
                   idempotency_key: str | None = Header(default=None, max_length=128)):
    oid = _id(who, idempotency_key)
    fact = PracticeObservationRecorded(**command.model_dump(), observation_id=oid,
                                       observer_id=who.subject)
    return await _record(request, response, oid, "practice", fact, observation_id=oid)


@router.post("/observations/meetings", **CREATED)
async def meeting(command: RecordMeetingObservation, request: Request, response: Response,
                  who: Principal = Depends(allow(*MEETING_OBSERVERS)),
                  idempotency_key: str | None = Header(default=None, max_length=128)):
    oid = _id(who, idempotency_key)
    role = "director" if Role.DIRECTOR in who.roles else "head_of_service"
    fact = MeetingObservationRecorded(**command.model_dump(), observation_id=oid,
                                      observer_id=who.subject, observer_role=role)
    return await _record(request, response, oid, "meeting", fact, observation_id=oid)


@router.post("/observations/checklists", **CREATED)
async def checklist(command: RecordConferenceChecklist, request: Request, response: Response,
                    who: Principal = Depends(allow(*CHAIRS)),
                    idempotency_key: str | None = Header(default=None, max_length=128)):
    cid = _id(who, idempotency_key)
    if command.line_manager_id is None:
        worker = await deps(request).staff.get(command.social_worker_id) or {}
        command = command.model_copy(update={"line_manager_id": worker.get("line_manager_id")})
    fact = ConferenceChecklistRecorded(**command.model_dump(), checklist_id=cid,
                                       chair_id=who.subject)
    return await _record(request, response, cid, "checklist", fact, checklist_id=cid)


@router.get("/observations")
async def list_observations(request: Request, kind: str | None = None,
                            _: Principal = Depends(allow(*READERS))) -> list[dict[str, Any]]:
    return await deps(request).observations.find({"kind_of_record": kind} if kind else {})


async def _record(request: Request, response: Response, record_id: str, kind: str, fact,
                  **body: Any) -> dict[str, Any]:
    observations = deps(request).observations
    document = {"_id": record_id, "kind_of_record": kind, **fact.model_dump(mode="json")}
    try:
        published = await observations.create(document, [fact],
                                              correlation_id=current_correlation_id())
    except VersionConflict:  # the same Idempotency-Key again: the same record
        published = await observations.outbox.flush(observations.name, record_id)
        response.status_code = status.HTTP_200_OK
    return recorded(response, published, **body)


def _id(who: Principal, idempotency_key: str | None) -> str:
    return (derived_id("observation", who.subject, idempotency_key) if idempotency_key
            else str(uuid.uuid4()))
