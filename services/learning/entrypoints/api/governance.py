"""HTTP API for governance: the quarterly report to the Joint Leadership Team (JSON, PDF)
and the plans' exports (governance.plan_exported on qa.learning, and a PDF)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Response, status
from pydantic import BaseModel, Field

from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE, found_or_404

from ...application import governance
from ...application.deps import Deps
from ...domain.governance import QUARTER_PATTERN, ExportPlan, Plan
from ..deps import get_deps
from ..documents import PDF_TYPE, export_pdf, jlt_pdf
from ..roles import EXPORTERS, GOVERNANCE_READERS
from .answers import answered

router = APIRouter(prefix="/governance", tags=["governance"])
QUARTER = QUARTER_PATTERN
QuarterPath = Path(pattern=QUARTER, description="YYYY-Qn", examples=["2026-Q3"])


class ExportRequest(BaseModel):
    plan: Plan
    quarter: str = Field(pattern=QUARTER, examples=["2026-Q3"])


def attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


@router.get("/jlt-report/{quarter}.pdf")
async def jlt_report_pdf(quarter: str = QuarterPath,
                         _: Principal = Depends(allow(*GOVERNANCE_READERS)),
                         deps: Deps = Depends(get_deps)) -> Response:
    return Response(jlt_pdf(await governance.jlt(deps, quarter)), media_type=PDF_TYPE,
                    headers=attachment(f"jlt-report-{quarter}.pdf"))


@router.get("/jlt-report/{quarter}")
async def jlt_report(quarter: str = QuarterPath,
                     _: Principal = Depends(allow(*GOVERNANCE_READERS)),
                     deps: Deps = Depends(get_deps)) -> dict:
    """The QA Forums held in the quarter with their decisions, recommendations, findings,
    actions (as action tracking reports them) and the escalated themes they answered; the
    quarter's monthly findings."""
    return await governance.jlt(deps, quarter)


@router.post("/exports", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def export(body: ExportRequest, response: Response,
                 who: Principal = Depends(allow(*EXPORTERS)),
                 deps: Deps = Depends(get_deps)) -> dict:
    """The quarter's findings and actions as the plan takes them, published as
    governance.plan_exported (a new snapshot each time)."""
    document, published = await governance.export(
        deps, ExportPlan(plan=body.plan, quarter=body.quarter), who)
    return answered(response, published, document, created=True)


@router.get("/exports/quarter/{quarter}")
async def exports_of(quarter: str = QuarterPath,
                     _: Principal = Depends(allow(*GOVERNANCE_READERS)),
                     deps: Deps = Depends(get_deps)) -> list[dict]:
    return await governance.exports_of(deps, quarter)


@router.get("/exports/{export_id}.pdf")
async def export_as_pdf(export_id: str, _: Principal = Depends(allow(*GOVERNANCE_READERS)),
                        deps: Deps = Depends(get_deps)) -> Response:
    found = found_or_404(await governance.get_export(deps, export_id), f"no export {export_id}")
    return Response(export_pdf(found), media_type=PDF_TYPE,
                    headers=attachment(f"{found['plan']}-{found['quarter']}.pdf"))
