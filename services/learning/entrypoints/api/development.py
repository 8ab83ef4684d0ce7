"""HTTP API for the learning and development programme: items made from findings, themes
and outstanding practice, targeted at a team, an area or the whole service; their sessions
and attendance; the attending teams' audit grades before beside after."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from shared.auth import Principal, allow
from shared.http import found_or_404

from ...application import development
from ...application.deps import Deps
from ...domain.development import CreateItem, DeliverSession, ScheduleSession
from ..deps import get_deps
from ..roles import DEVELOPMENT_MANAGERS, READERS
from .answers import refusals_answered

router = APIRouter(tags=["learning and development"])


@router.get("/development/programme")
async def programme(who: Principal = Depends(allow(*READERS)),
                    deps: Deps = Depends(get_deps)) -> list[dict]:
    """Every item, newest first, each with `results` once a session was delivered."""
    return await development.programme(deps)


@router.get("/development/sources")
async def sources(who: Principal = Depends(allow(*DEVELOPMENT_MANAGERS)),
                  deps: Deps = Depends(get_deps)) -> list[dict]:
    """Findings' headline themes, escalated themes and good practice the programme can take."""
    return await development.sources(deps)


@router.post("/development/items", status_code=status.HTTP_201_CREATED)
async def create(body: CreateItem, who: Principal = Depends(allow(*DEVELOPMENT_MANAGERS)),
                 deps: Deps = Depends(get_deps)) -> dict:
    """422 on `team_id` or `area` the directory does not know."""
    return await refusals_answered(development.create(deps, body, who))


@router.get("/development/items/{item_id}")
async def item(item_id: str, who: Principal = Depends(allow(*READERS)),
               deps: Deps = Depends(get_deps)) -> dict:
    return found_or_404(await development.item(deps, item_id), f"no programme item {item_id}")


@router.post("/development/items/{item_id}/sessions", status_code=status.HTTP_201_CREATED)
async def schedule(item_id: str, body: ScheduleSession,
                   who: Principal = Depends(allow(*DEVELOPMENT_MANAGERS)),
                   deps: Deps = Depends(get_deps)) -> dict:
    found = await refusals_answered(development.schedule(deps, item_id, body))
    return found_or_404(found, f"no programme item {item_id}")


@router.post("/development/items/{item_id}/sessions/{session_id}/delivered")
async def deliver(item_id: str, session_id: str, body: DeliverSession,
                  who: Principal = Depends(allow(*DEVELOPMENT_MANAGERS)),
                  deps: Deps = Depends(get_deps)) -> dict:
    """Attendance by staff id (422 on `attendee_ids.{n}` not in the directory); once (409)."""
    found = await refusals_answered(development.deliver(deps, item_id, session_id, body))
    return found_or_404(found, f"no programme item {item_id} with session {session_id}")
