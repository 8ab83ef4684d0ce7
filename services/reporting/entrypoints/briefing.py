"""The monthly (or quarterly) briefing as JSON, and the head of quality's sign-off of it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Request, Response
from pydantic import BaseModel, Field

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, Role, allow
from shared.envelope import utc_now

from ..adapters.briefing import briefing_for_period
from .filters import Filters, briefing_period, filters

router = APIRouter(prefix="/reports", tags=["reports"])

BRIEFING_READERS = (Role.DIRECTOR, Role.HEAD_OF_QUALITY, Role.HEAD_OF_SERVICE,
                    Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
                    Role.PERFORMANCE_TEAM)


async def briefing_for(request: Request, period: str, f: Filters) -> dict:
    """`period`: a month, or a quarter (its three months summed)."""
    return await briefing_for_period(request.app.state.deps.facts, period=period,
                                     today=utc_now().date(), team=f.team, theme=f.theme)


@router.get("/monthly-briefing")
async def get_monthly_briefing(
    request: Request, _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
) -> dict:
    """Every figure of the monthly briefing (`month`), or of a quarter's three months summed
    (`quarter`); a period without facts answers zeros and says so."""
    return await briefing_for(request, period, f)


class SignOff(BaseModel):
    themes: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list, max_length=20)
    outstanding_practice: list[Annotated[str, Field(min_length=1, max_length=128)]] = Field(
        default_factory=list, max_length=20, description="Audit ids to celebrate")
    commentary: str = Field(default="", max_length=20000)


@router.post("/monthly-briefing/{month}/sign-off", status_code=201)
async def sign_off(
    request: Request, response: Response, month: Annotated[str, Path(pattern=MONTH_PATTERN.pattern, examples=["2026-11"])],
    body: Annotated[SignOff, Body()],
    who: Principal = Depends(allow(Role.HEAD_OF_QUALITY)),
) -> dict:
    """The head of quality's qualitative section, signed off (event briefing.signed_off)."""
    result = await request.app.state.deps.signoffs.sign_off(
        month, by=who.subject, themes=body.themes, commentary=body.commentary,
        outstanding_practice=body.outstanding_practice)
    if not result["published"]:
        response.status_code = 202
    return result


def signoff_note(signoff: dict | None, quarter: str | None = None) -> str | None:
    if quarter:
        return "The head of quality signs off each month's briefing: open a month to read it."
    if not signoff:
        return "Not yet signed off by the head of quality."
    return (f"Signed off by {signoff['signed_off_by']} on {signoff['signed_off_at'][:10]} "
            f"(revision {signoff['revision']}). Themes: {'; '.join(signoff['themes']) or '-'}. "
            f"{signoff['commentary']}")
