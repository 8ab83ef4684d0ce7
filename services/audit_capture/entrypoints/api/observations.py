"""Practice and meeting observations, IRO/CP-chair checklists, and the standards themselves."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Header, Response, status

from schemas.standards import standards_document
from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE

from ...application.deps import Deps
from ...application.observations import Recorded, observations_listed, record_checklist
from ...application.observations import record_meeting, record_practice
from ...domain.observations import RecordConferenceChecklist, RecordMeetingObservation
from ...domain.observations import RecordPracticeObservation
from ..deps import get_deps
from ..roles import CHAIRS, EVERYONE, MEETING_OBSERVERS, PRACTICE_OBSERVERS, READERS
from .answers import recorded

router = APIRouter(tags=["observations"])
CREATED = {"status_code": status.HTTP_201_CREATED, "responses": PENDING_RESPONSE}


@router.get("/standards")
async def standards(_: Principal = Depends(allow(*EVERYONE))) -> dict[str, Any]:
    """The Standards for Practice, the Customer Service Standards and the grade scale."""
    return standards_document()


@router.post("/observations/practice", **CREATED)
async def practice(command: RecordPracticeObservation, response: Response,
                   who: Principal = Depends(allow(*PRACTICE_OBSERVERS)),
                   idempotency_key: str | None = Header(default=None, max_length=128),
                   deps: Deps = Depends(get_deps)):
    done = await record_practice(deps, command, who=who, idempotency_key=idempotency_key)
    return _answer(response, done, observation_id=done.record_id)


@router.post("/observations/meetings", **CREATED)
async def meeting(command: RecordMeetingObservation, response: Response,
                  who: Principal = Depends(allow(*MEETING_OBSERVERS)),
                  idempotency_key: str | None = Header(default=None, max_length=128),
                  deps: Deps = Depends(get_deps)):
    done = await record_meeting(deps, command, who=who, idempotency_key=idempotency_key)
    return _answer(response, done, observation_id=done.record_id)


@router.post("/observations/checklists", **CREATED)
async def checklist(command: RecordConferenceChecklist, response: Response,
                    who: Principal = Depends(allow(*CHAIRS)),
                    idempotency_key: str | None = Header(default=None, max_length=128),
                    deps: Deps = Depends(get_deps)):
    done = await record_checklist(deps, command, who=who, idempotency_key=idempotency_key)
    return _answer(response, done, checklist_id=done.record_id)


@router.get("/observations")
async def list_observations(kind: str | None = None, _: Principal = Depends(allow(*READERS)),
                            deps: Deps = Depends(get_deps)) -> list[dict[str, Any]]:
    return await observations_listed(deps, kind)


def _answer(response: Response, done: Recorded, **body: Any) -> dict[str, Any]:
    if done.again:
        response.status_code = status.HTTP_200_OK
    return recorded(response, done.published, **body)
