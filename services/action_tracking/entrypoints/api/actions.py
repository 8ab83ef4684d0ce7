"""HTTP API for actions: query, raise directly, the lifecycle, and an action's history."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from shared.personal_data.access_log import Reads, records_reads
from shared.auth import Principal, allow
from shared.history import BadRecordedMoment, NotAHistoryLoader
from shared.http import PENDING_RESPONSE, found_or_404

from ...application import actions
from ...application.deps import Deps
from ...domain.actions import DueDateInPast, RaiseAction
from ...domain.changes import BadDueDate, UnknownOwner
from ...domain.lifecycle import IllegalTransition, NotAllowed
from ..deps import get_deps
from ..roles import CONFIRMERS, MANAGERS, RAISERS, READERS, WORKERS
from .answers import answered, field_error
from .commands import Acknowledge, Assign, Complete, Confirm, NewDueDate, Progress, WithReason

router = APIRouter(prefix="/actions", tags=["actions"])
Change = Callable[[dict[str, Any]], Awaitable[bool]]


@router.get("")
async def list_actions(
    origin_id: str | None = None, owner_id: str | None = None,
    team_id: str | None = None,
    status_: str | None = Query(default=None, alias="status"),
    who: Principal = Depends(allow(*READERS)), deps: Deps = Depends(get_deps),
    reads: Reads = Depends(records_reads),
) -> list[dict]:
    """The actions this person may see (their own, their teams', ...: the visibility rule)
    that match every filter given."""
    found = await actions.matching(deps, who, origin_id=origin_id, owner_id=owner_id,
                                   team_id=team_id, status=status_)
    await reads.children(who, [(a.get("case_ref"), a.get("_id")) for a in found])
    return found


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def raise_action(body: RaiseAction, response: Response,
                       who: Principal = Depends(allow(*RAISERS)),
                       deps: Deps = Depends(get_deps)) -> dict:
    """Raise an action directly (a clinic, the QA Forum...): the owner must be in the
    staff directory; a past due date only when `recorded_past`."""
    try:
        raised = await actions.raise_action(deps, body, who)
    except UnknownOwner as error:
        raise field_error("owner_id", str(error)) from error
    except DueDateInPast as error:
        raise field_error("due_date", str(error)) from error
    if not raised.created:
        response.status_code = status.HTTP_200_OK  # the same key again: nothing new
    return {**raised.action, "published": raised.published}


async def _load(deps: Deps, action_id: str) -> dict[str, Any]:
    return found_or_404(await actions.get(deps, action_id), f"no action {action_id}")


async def _run(deps: Deps, response: Response, action_id: str, change: Change) -> dict:
    action = await _load(deps, action_id)
    try:
        published = await change(action)
    except IllegalTransition as error:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(error)) from error
    except NotAllowed as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(error)) from error
    except UnknownOwner as error:
        raise field_error("owner_id", str(error)) from error
    except BadDueDate as error:
        raise field_error("due_date", str(error)) from error
    except NotAHistoryLoader as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(error)) from error
    except BadRecordedMoment as error:
        raise field_error("at", str(error)) from error
    return answered(response, published, await _load(deps, action_id))


async def _seen(deps: Deps, who: Principal, action_id: str) -> dict[str, Any]:
    """404 too for an action this person may not see: its existence is not theirs to know."""
    return found_or_404(await actions.seen(deps, who, action_id), f"no action {action_id}")


@router.get("/{action_id}")
async def get_action(action_id: str, who: Principal = Depends(allow(*READERS)),
                     deps: Deps = Depends(get_deps),
                     reads: Reads = Depends(records_reads)) -> dict:
    action = await _seen(deps, who, action_id)
    await reads.child(who, action.get("case_ref"), record_id=action_id)
    return action


@router.get("/{action_id}/history")
async def action_history(action_id: str, who: Principal = Depends(allow(*READERS)),
                         deps: Deps = Depends(get_deps),
                         reads: Reads = Depends(records_reads)) -> list[dict]:
    action = await _seen(deps, who, action_id)  # its notes are about the child
    await reads.child(who, action.get("case_ref"), record_id=action_id)
    return action.get("history", [])


@router.post("/{action_id}/assign", responses=PENDING_RESPONSE)
async def assign(action_id: str, body: Assign, response: Response,
                 who: Principal = Depends(allow(*MANAGERS)),
                 deps: Deps = Depends(get_deps)) -> dict:
    return await _run(deps, response, action_id, lambda action: actions.assign(
        deps, action, who, body.owner_id, body.reason))


@router.post("/{action_id}/progress", responses=PENDING_RESPONSE)
async def progress(action_id: str, body: Progress, response: Response,
                   who: Principal = Depends(allow(*WORKERS)),
                   deps: Deps = Depends(get_deps)) -> dict:
    return await _run(deps, response, action_id, lambda action: actions.change(
        deps, action, who, "progressed", note=body.note, evidence=body.evidence, at=body.at))


@router.post("/{action_id}/complete", responses=PENDING_RESPONSE)
async def complete(action_id: str, body: Complete, response: Response,
                   who: Principal = Depends(allow(*WORKERS)),
                   deps: Deps = Depends(get_deps)) -> dict:
    return await _run(deps, response, action_id, lambda action: actions.change(
        deps, action, who, "completed", note=body.note, evidence=body.evidence, at=body.at))


@router.post("/{action_id}/confirm", responses=PENDING_RESPONSE)
async def confirm(action_id: str, body: Confirm, response: Response,
                  who: Principal = Depends(allow(*CONFIRMERS)),
                  deps: Deps = Depends(get_deps)) -> dict:
    """The owner's team manager confirms the completion (the framework's "TM confirms")."""
    return await _run(deps, response, action_id, lambda action: actions.change(
        deps, action, who, "confirmed", note=body.note, at=body.at))


@router.post("/{action_id}/reopen", responses=PENDING_RESPONSE)
async def reopen(action_id: str, body: WithReason, response: Response,
                 who: Principal = Depends(allow(*MANAGERS)),
                 deps: Deps = Depends(get_deps)) -> dict:
    return await _run(deps, response, action_id, lambda action: actions.change(
        deps, action, who, "reopened", note=body.reason))


@router.post("/{action_id}/cancel", responses=PENDING_RESPONSE)
async def cancel(action_id: str, body: WithReason, response: Response,
                 who: Principal = Depends(allow(*MANAGERS)),
                 deps: Deps = Depends(get_deps)) -> dict:
    return await _run(deps, response, action_id, lambda action: actions.change(
        deps, action, who, "cancelled", note=body.reason))


@router.post("/{action_id}/send-back", responses=PENDING_RESPONSE)
async def send_back(action_id: str, body: WithReason, response: Response,
                    who: Principal = Depends(allow(*CONFIRMERS)),
                    deps: Deps = Depends(get_deps)) -> dict:
    """The owner's team manager sends a completion back, with the reason: in progress again."""
    return await _run(deps, response, action_id, lambda action: actions.change(
        deps, action, who, "sent_back", note=body.reason))


@router.post("/{action_id}/due-date", responses=PENDING_RESPONSE)
async def new_due_date(action_id: str, body: NewDueDate, response: Response,
                       who: Principal = Depends(allow(*MANAGERS)),
                       deps: Deps = Depends(get_deps)) -> dict:
    """A new due date agreed with a reason; the original stays as `original_due_date`
    (action.due_date_changed)."""
    return await _run(deps, response, action_id, lambda action: actions.change_due_date(
        deps, action, who, body.due_date, body.reason, body.at))


@router.post("/{action_id}/acknowledge", responses=PENDING_RESPONSE)
async def acknowledge(action_id: str, body: Acknowledge, response: Response,
                      who: Principal = Depends(allow(*WORKERS)),
                      deps: Deps = Depends(get_deps)) -> dict:
    """An urgent action is taken on (in progress): no escalation to the head of service."""
    return await _run(deps, response, action_id, lambda action: actions.change(
        deps, action, who, "acknowledged", note=body.note))
