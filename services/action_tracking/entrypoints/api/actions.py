"""HTTP API for actions: query, raise directly, the lifecycle, and an action's history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError

from shared.auth import Principal, Role, allow
from shared.http import PENDING_RESPONSE, found_or_404
from shared.logs import correlation_id_var

from ...domain.actions import DueDateInPast, RaiseAction, raise_directly
from ...domain.deadlines import local_date
from ...domain.lifecycle import IllegalTransition, NotAllowed
from ...application.actions import UnknownOwner
from .commands import Assign, Complete, Confirm, Progress, WithReason

router = APIRouter(prefix="/actions", tags=["actions"])

READERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY, Role.AUDITOR,
           Role.SOCIAL_WORKER, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.DIRECTOR)
RAISERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY, Role.AUDITOR,
           Role.MODERATOR, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.PERFORMANCE_TEAM, Role.DIRECTOR)
WORKERS = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY,
           Role.AUDITOR, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM)
MANAGERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY)
CONFIRMERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE)


def field_error(field: str, message: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("body", field),
                                    "msg": message, "input": None}])


def answered(response: Response, published: bool, body: dict[str, Any]) -> dict[str, Any]:
    response.status_code = status.HTTP_200_OK if published else status.HTTP_202_ACCEPTED
    return {**body, "published": published}


@router.get("")
async def list_actions(
    request: Request, origin_id: str | None = None, owner_id: str | None = None,
    team_id: str | None = None,
    status_: str | None = Query(default=None, alias="status"),
    _: Principal = Depends(allow(*READERS)),
) -> list[dict]:
    return await request.app.state.deps.actions.find(
        **{"origin.id": origin_id, "owner_id": owner_id, "team_id": team_id, "status": status_})


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def raise_action(body: RaiseAction, request: Request, response: Response,
                       who: Principal = Depends(allow(*RAISERS))) -> dict:
    """Raise an action directly (a clinic, the QA Forum...): the owner must be in the
    staff directory; a past due date only when `recorded_past`."""
    deps = request.app.state.deps
    owner = await deps.directory.active_person(body.owner_id)
    if owner is None:
        raise field_error("owner_id", "is not an active person in the staff directory")
    now = deps.clock.now()
    try:
        raised = raise_directly(body, team_id=owner["team_id"], raised_by=who.subject, now=now,
                                today=local_date(now))
    except DueDateInPast as error:
        raise field_error("due_date", str(error)) from error
    envelope = deps.publisher.envelope(raised, correlation_id=correlation_id_var.get() or "none",
                                       occurred_at=now)
    created = await deps.actions.add_once(raised, envelope)
    action = await deps.actions.get(raised.action_id)
    if not created:
        response.status_code = status.HTTP_200_OK  # the same key again: nothing new
    return {**action, "published": await deps.actions.flush(raised.action_id)}


async def _load(request: Request, action_id: str) -> dict[str, Any]:
    action = found_or_404(await request.app.state.deps.actions.collection.find_one({"_id": action_id}), f"no action {action_id}")
    return action


async def _run(request: Request, response: Response, action_id: str, call) -> dict:
    action = await _load(request, action_id)
    try:
        published = await call(request.app.state.deps.lifecycle, action)
    except IllegalTransition as error:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(error)) from error
    except NotAllowed as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(error)) from error
    except UnknownOwner as error:
        raise field_error("owner_id", str(error)) from error
    return answered(response, published, await request.app.state.deps.actions.get(action_id))


@router.get("/{action_id}")
async def get_action(action_id: str, request: Request,
                     _: Principal = Depends(allow(*READERS))) -> dict:
    action = found_or_404(await request.app.state.deps.actions.get(action_id), f"no action {action_id}")
    return action


@router.get("/{action_id}/history")
async def action_history(action_id: str, request: Request,
                         _: Principal = Depends(allow(*READERS))) -> list[dict]:
    return (await _load(request, action_id)).get("history", [])


@router.post("/{action_id}/assign", responses=PENDING_RESPONSE)
async def assign(action_id: str, body: Assign, request: Request, response: Response,
                 who: Principal = Depends(allow(*MANAGERS))) -> dict:
    return await _run(request, response, action_id,
                      lambda lc, a: lc.assign(a, who, body.owner_id, body.reason))


@router.post("/{action_id}/progress", responses=PENDING_RESPONSE)
async def progress(action_id: str, body: Progress, request: Request, response: Response,
                   who: Principal = Depends(allow(*WORKERS))) -> dict:
    return await _run(request, response, action_id,
                      lambda lc, a: lc.change(a, who, "progressed", note=body.note))


@router.post("/{action_id}/complete", responses=PENDING_RESPONSE)
async def complete(action_id: str, body: Complete, request: Request, response: Response,
                   who: Principal = Depends(allow(*WORKERS))) -> dict:
    return await _run(request, response, action_id, lambda lc, a: lc.change(
        a, who, "completed", note=body.note, evidence=body.evidence))


@router.post("/{action_id}/confirm", responses=PENDING_RESPONSE)
async def confirm(action_id: str, body: Confirm, request: Request, response: Response,
                  who: Principal = Depends(allow(*CONFIRMERS))) -> dict:
    """The owner's team manager confirms the completion (the framework's "TM confirms")."""
    return await _run(request, response, action_id,
                      lambda lc, a: lc.change(a, who, "confirmed", note=body.note))


@router.post("/{action_id}/reopen", responses=PENDING_RESPONSE)
async def reopen(action_id: str, body: WithReason, request: Request, response: Response,
                 who: Principal = Depends(allow(*MANAGERS))) -> dict:
    return await _run(request, response, action_id,
                      lambda lc, a: lc.change(a, who, "reopened", note=body.reason))


@router.post("/{action_id}/cancel", responses=PENDING_RESPONSE)
async def cancel(action_id: str, body: WithReason, request: Request, response: Response,
                 who: Principal = Depends(allow(*MANAGERS))) -> dict:
    return await _run(request, response, action_id,
                      lambda lc, a: lc.change(a, who, "cancelled", note=body.reason))
