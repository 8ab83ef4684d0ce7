"""Practice and meeting observations, IRO/CP-chair checklists, and the standards themselves."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Header, Request, Response, status

from schemas.standards import standards_document
from shared.auth import Principal, Role, allow
from shared.http import PENDING_RESPONSE

from ...domain.observations import RecordConferenceChecklist, RecordMeetingObservation
from ...domain.observations import RecordPracticeObservation
from ...application.observations import Recorded, record_checklist, record_meeting, record_practice
from .answers import READERS, deps, recorded

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
    done = await record_practice(deps(request), command, who=who, idempotency_key=idempotency_key)
    return _answer(response, done, observation_id=done.record_id)


@router.post("/observations/meetings", **CREATED)
async def meeting(command: RecordMeetingObservation, request: Request, response: Response,
                  who: Principal = Depends(allow(*MEETING_OBSERVERS)),
                  idempotency_key: str | None = Header(default=None, max_length=128)):
    done = await record_meeting(deps(request), command, who=who, idempotency_key=idempotency_key)
    return _answer(response, done, observation_id=done.record_id)


@router.post("/observations/checklists", **CREATED)
async def checklist(command: RecordConferenceChecklist, request: Request, response: Response,
                    who: Principal = Depends(allow(*CHAIRS)),
                    idempotency_key: str | None = Header(default=None, max_length=128)):
    done = await record_checklist(deps(request), command, who=who,
                                  idempotency_key=idempotency_key)
    return _answer(response, done, checklist_id=done.record_id)


@router.get("/observations")
async def list_observations(request: Request, kind: str | None = None,
                            _: Principal = Depends(allow(*READERS))) -> list[dict[str, Any]]:
    return await deps(request).observations.find({"kind_of_record": kind} if kind else {})


def _answer(response: Response, done: Recorded, **body: Any) -> dict[str, Any]:
    if done.again:
        response.status_code = status.HTTP_200_OK
    return recorded(response, done.published, **body)
