"""HTTP API for the monthly findings: the head of quality's summary and the audit groups'
sign-offs."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Response

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE, found_or_404

from ...application import findings
from ...application.deps import Deps
from ...domain.findings import SignSummary, WriteSummary
from ..deps import get_deps
from ..roles import FINDINGS_AUTHORS, FINDINGS_SIGNERS, READERS
from .answers import answered, refusals_answered

router = APIRouter(prefix="/findings", tags=["findings"])
MonthPath = Path(pattern=MONTH_PATTERN.pattern, description="YYYY-MM")


@router.get("")
async def latest(_: Principal = Depends(allow(*READERS)),
                 deps: Deps = Depends(get_deps)) -> list[dict]:
    return await findings.latest(deps)


@router.get("/{month}")
async def one(month: str = MonthPath, _: Principal = Depends(allow(*READERS)),
              deps: Deps = Depends(get_deps)) -> dict:
    return found_or_404(await findings.get(deps, month), f"no findings summary for {month}")


@router.put("/{month}", responses=PENDING_RESPONSE)
async def write(body: WriteSummary, response: Response, month: str = MonthPath,
                who: Principal = Depends(allow(*FINDINGS_AUTHORS)),
                deps: Deps = Depends(get_deps)) -> dict:
    """The head of quality's summary; 409 once an audit group has signed it off."""
    summary, published = await refusals_answered(findings.write_summary(deps, month, body, who))
    return answered(response, published, summary)


@router.post("/{month}/sign-off", responses=PENDING_RESPONSE)
async def sign(body: SignSummary, response: Response, month: str = MonthPath,
               who: Principal = Depends(allow(*FINDINGS_SIGNERS)),
               deps: Deps = Depends(get_deps)) -> dict:
    """For the signer's audit group (from the staff directory): 403 in none, 409 when the
    group has signed already."""
    summary = found_or_404(await findings.get(deps, month), f"no findings summary for {month}")
    signed, published = await refusals_answered(findings.sign(deps, summary, body, who))
    return answered(response, published, signed)
