"""HTTP reports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, Role, allow
from shared.envelope import utc_now

from ..adapters.briefing import monthly_briefing
from ..adapters.facts import ACTION_FACTS

router = APIRouter(prefix="/reports", tags=["reports"])

BRIEFING_READERS = (Role.DIRECTOR, Role.HEAD_OF_QUALITY, Role.HEAD_OF_SERVICE,
                    Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
                    Role.PERFORMANCE_TEAM)


@router.get("/monthly-briefing")
async def get_monthly_briefing(
    request: Request,
    month: Annotated[str, Query(pattern=MONTH_PATTERN.pattern, examples=["2026-11"])],
    _: Principal = Depends(allow(*BRIEFING_READERS)),
) -> dict:
    return await monthly_briefing(request.app.state.deps.facts, month=month,
                                  today=utc_now().date())


@router.get("/actions")
async def list_action_facts(
    request: Request,
    origin_id: str | None = None,
    team_id: str | None = None,
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)] = None,
    _: Principal = Depends(allow(*BRIEFING_READERS, Role.TEAM_MANAGER)),
) -> list[dict]:
    """The actions behind a briefing figure (drill-down), without free text."""
    criteria = {"origin_id": origin_id, "team_id": team_id, "raised_month": month}
    query = {k: v for k, v in criteria.items() if v is not None}
    return await request.app.state.deps.facts.find(ACTION_FACTS, query)
