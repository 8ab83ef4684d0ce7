"""Alerts for people: the recent ones they may see, and a live stream (server-sent events)
of new ones: their own, their team's (managers) or their service's (heads of service)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends
from sse_starlette import EventSourceResponse

from shared.auth import Principal, allow

from ...application import alerts
from ...application.deps import Deps
from ..deps import get_deps
from ..roles import EVERYONE

router = APIRouter(prefix="/alerts", tags=["alerts"])


@router.get("")
async def recent_alerts(who: Principal = Depends(allow(*EVERYONE)),
                        deps: Deps = Depends(get_deps)) -> list:
    return await alerts.recent(deps, who)


@router.get("/stream")
async def alert_stream(who: Principal = Depends(allow(*EVERYONE)),
                       deps: Deps = Depends(get_deps)) -> EventSourceResponse:
    """`text/event-stream`: one `alert` event per new alert this person may see."""
    live = await alerts.follow(deps, who)  # before answering: nothing raised meanwhile is lost

    async def events() -> AsyncIterator[dict]:
        try:
            yield {"event": "ready", "data": "{}"}
            while True:
                alert = await live.next()
                yield {"event": "alert", "id": alert["alert_id"], "data": json.dumps(alert)}
        except asyncio.CancelledError:
            raise
        finally:
            live.close()

    return EventSourceResponse(events(), ping=15)
