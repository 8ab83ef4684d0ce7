"""HTTP queries for actions."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status

from shared.auth import Principal, Role, allow

router = APIRouter(prefix="/actions", tags=["actions"])

READERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY, Role.AUDITOR,
           Role.SOCIAL_WORKER, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.DIRECTOR)


@router.get("")
async def list_actions(
    request: Request,
    origin_id: str | None = None,
    owner_id: str | None = None,
    team_id: str | None = None,
    _: Principal = Depends(allow(*READERS)),
) -> list[dict]:
    return await request.app.state.deps.actions.find(
        **{"origin.id": origin_id, "owner_id": owner_id, "team_id": team_id})


@router.get("/{action_id}")
async def get_action(
    action_id: str, request: Request, _: Principal = Depends(allow(*READERS))
) -> dict:
    action = await request.app.state.deps.actions.get(action_id)
    if action is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no action {action_id}")
    return action
