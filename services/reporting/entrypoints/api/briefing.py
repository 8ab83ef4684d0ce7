"""The monthly (or quarterly) briefing as JSON, and the head of quality's sign-off of it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Response
from pydantic import BaseModel, Field

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, allow
from shared.england_time import england_date
from shared.england_time import england_today

from ...application import reports, signoffs
from ...application.deps import Deps
from ..deps import get_deps
from ..filters import Filters, briefing_period, filters
from ..roles import BRIEFING_READERS, SIGNERS

router = APIRouter(prefix="/reports", tags=["reports"])


async def briefing_for(deps: Deps, period: str, f: Filters) -> dict:
    """`period`: a month, or a quarter (its three months summed)."""
    return await reports.briefing(deps, period=period, today=england_today(), team=f.team,
                                  theme=f.theme)


@router.get("/monthly-briefing")
async def get_monthly_briefing(
    _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
    deps: Deps = Depends(get_deps),
) -> dict:
    """Every figure of the monthly briefing (`month`), or of a quarter's three months summed
    (`quarter`); a period without facts answers zeros and says so."""
    return await briefing_for(deps, period, f)


class SignOff(BaseModel):
    themes: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list, max_length=20)
    outstanding_practice: list[Annotated[str, Field(min_length=1, max_length=128)]] = Field(
        default_factory=list, max_length=20, description="Audit ids to celebrate")
    commentary: str = Field(default="", max_length=20000)


@router.post("/monthly-briefing/{month}/sign-off", status_code=201)
async def sign_off(
    response: Response,
    month: Annotated[str, Path(pattern=MONTH_PATTERN.pattern, examples=["2026-11"])],
    body: Annotated[SignOff, Body()],
    who: Principal = Depends(allow(*SIGNERS)), deps: Deps = Depends(get_deps),
) -> dict:
    """The head of quality's qualitative section, signed off (event briefing.signed_off)."""
    result = await signoffs.sign_off(deps, month, by=who.subject, themes=body.themes,
                                     commentary=body.commentary,
                                     outstanding_practice=body.outstanding_practice)
    if not result["published"]:
        response.status_code = 202
    return result


def signoff_note(signoff: dict | None, quarter: str | None = None) -> str | None:
    if quarter:
        return "The head of quality signs off each month's briefing: open a month to read it."
    if not signoff:
        return "Not yet signed off by the head of quality."
    return (f"Signed off by {signoff['signed_off_by']} on {england_date(signoff['signed_off_at'])} "
            f"(revision {signoff['revision']}). Themes: {'; '.join(signoff['themes']) or '-'}. "
            f"{signoff['commentary']}")
