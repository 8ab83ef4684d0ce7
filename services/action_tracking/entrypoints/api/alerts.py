"""Alerts for people: the recent ones they may see, and a live stream (server-sent events)
of new ones: their own, their team's (managers) or their service's (heads of service)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends, Request
from sse_starlette import EventSourceResponse

from shared.auth import Principal, Role, allow

from ...adapters.directory import Directory
from ...domain.visibility import Viewer

router = APIRouter(prefix="/alerts", tags=["alerts"])
EVERYONE = tuple(Role)


async def viewer_for(who: Principal, directory: Directory) -> Viewer:
    teams: set[str] = {who.team_id} if who.team_id else set()
    if Role.TEAM_MANAGER in who.roles:
        teams |= await directory.managed_teams(who.subject)
    if Role.HEAD_OF_SERVICE in who.roles:
        teams |= await directory.service_teams(who.subject)
    return Viewer(person_id=who.subject, roles=who.roles, teams=frozenset(teams))


@router.get("")
async def recent_alerts(request: Request, who: Principal = Depends(allow(*EVERYONE))) -> list:
    deps = request.app.state.deps
    viewer = await viewer_for(who, deps.directory)
    return await deps.alerts.recent(viewer.team_query())


@router.get("/stream")
async def alert_stream(request: Request,
                       who: Principal = Depends(allow(*EVERYONE))) -> EventSourceResponse:
    """`text/event-stream`: one `alert` event per new alert this person may see."""
    deps = request.app.state.deps
    viewer = await viewer_for(who, deps.directory)
    key, queue = deps.hub.connect(viewer)

    async def events() -> AsyncIterator[dict]:
        try:
            yield {"event": "ready", "data": "{}"}
            while True:
                alert = await queue.get()
                yield {"event": "alert", "id": alert["alert_id"], "data": json.dumps(alert)}
        except asyncio.CancelledError:
            raise
        finally:
            deps.hub.disconnect(key)

    return EventSourceResponse(events(), ping=15)
