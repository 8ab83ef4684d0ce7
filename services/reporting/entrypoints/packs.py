"""The QA Forum pack, performance clinic packs, coverage, complaints and impact (JSON)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from shared.auth import Principal, Role, allow
from shared.envelope import utc_now

from ..adapters import exports, packs
from ..domain.periods import months_back, quarter_months
from .briefing import BRIEFING_READERS
from .downloads import attachment
from .filters import Filters, MonthQuery, QuarterQuery, filters, is_known, unknown

router = APIRouter(prefix="/reports", tags=["reports"])
FORUM_READERS = (*BRIEFING_READERS, Role.TEAM_MANAGER)
CLINIC_READERS = (*BRIEFING_READERS, Role.TEAM_MANAGER)
YearQuery = Annotated[int, Query(ge=2000, le=9999, examples=[2026])]


@router.get("/forum-pack")
async def forum_pack(request: Request, quarter: QuarterQuery, f: Filters = Depends(filters),
                     _: Principal = Depends(allow(*FORUM_READERS))) -> dict:
    """Three months for the quarterly QA Forum: trends, themes, escalations, views."""
    return await packs.forum_pack(request.app.state.deps.facts, quarter=quarter,
                                  months=quarter_months(quarter), today=utc_now().date(),
                                  team=f.team, theme=f.theme)


@router.get("/forum-pack.pdf")
async def forum_pack_pdf(request: Request, quarter: QuarterQuery, f: Filters = Depends(filters),
                         _: Principal = Depends(allow(*FORUM_READERS))) -> Response:
    from ..domain.tables import BRIEFING_TABLES
    body = await forum_pack(request, quarter, f)
    shaped = {**body, "signoff": None, "audits": body["audits"]}
    shaped["actions"] = {**body["actions"], "overdue": None, "due": None}
    tables = [(n.capitalize(), BRIEFING_TABLES[n](shaped))
              for n in ("audits", "grades", "complaints", "feedback", "observations", "trends")]
    pdf = exports.to_pdf(f"QA Forum pack: {quarter}", tables)
    return Response(pdf, media_type=exports.PDF_TYPE,
                    headers=attachment(f"forum-pack-{quarter}.pdf"))


ClinicMonths = Annotated[int, Query(ge=3, le=6, description="3 to 6 months ending to_month")]


async def clinic_for(request: Request, team: str, to_month: str, months: int,
                     viewer: str) -> dict:
    if not await is_known(request, "team", team):
        raise unknown("team", team)
    return await packs.clinic_pack(request.app.state.deps.facts, team=team,
                                   months=months_back(to_month, months),
                                   today=utc_now().date(), viewer=viewer)


@router.get("/clinic-pack")
async def clinic_pack(
    request: Request, team: str, to_month: MonthQuery, months: ClinicMonths = 3,
    who: Principal = Depends(allow(*CLINIC_READERS)),
) -> dict:
    """A team's performance clinic pack; individuals only for the viewer's own reports."""
    return await clinic_for(request, team, to_month, months, who.subject)


@router.get("/coverage")
async def coverage(request: Request, f: Filters = Depends(filters),
                   _: Principal = Depends(allow(*FORUM_READERS))) -> dict:
    """Last 12 months: each worker's case audit and practice observation, ASYE, observed
    supervision, and key meetings observed by heads of service (2) and directors (1)."""
    return await packs.coverage_report(request.app.state.deps.facts, today=utc_now().date(),
                                       team=f.team)


@router.get("/complaints")
async def complaints(request: Request,
                     year: YearQuery,
                     f: Filters = Depends(filters),
                     _: Principal = Depends(allow(*BRIEFING_READERS))) -> dict:
    """Quarterly and annual figures, year on year, stage 2 past 65 working days, themes."""
    return await packs.complaints_report(request.app.state.deps.facts, year=year,
                                         today=utc_now().date(), team=f.team, theme=f.theme)


@router.get("/impact")
async def impact(request: Request, month: MonthQuery, f: Filters = Depends(filters),
                 _: Principal = Depends(allow(*BRIEFING_READERS))) -> dict:
    """The framework's three impact questions over the 12 months ending `month`."""
    return await packs.impact_report(request.app.state.deps.facts, month=month,
                                     today=utc_now().date(), team=f.team)


