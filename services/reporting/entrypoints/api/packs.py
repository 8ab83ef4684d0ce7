"""The QA Forum pack, performance clinic packs, coverage, complaints and impact (JSON)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from shared.auth import Principal, allow
from shared.england_time import england_today

from ...application import reports
from ...application.deps import Deps
from ...domain.tables import forum_tables
from ..deps import get_deps
from ..filters import Filters, MonthQuery, QuarterQuery, filters, is_known, unknown
from ..formats import charts, files
from ..formats.downloads import attachment
from ..roles import BRIEFING_READERS, CLINIC_READERS, FORUM_PACK_READERS, FORUM_READERS

router = APIRouter(prefix="/reports", tags=["reports"])
YearQuery = Annotated[int, Query(ge=2000, le=9999, examples=[2026])]
ClinicMonths = Annotated[int, Query(ge=3, le=6, description="3 to 6 months ending to_month")]


async def forum_for(deps: Deps, quarter: str, f: Filters) -> dict:
    return await reports.forum_pack(deps, quarter=quarter, today=england_today(),
                                    team=f.team, theme=f.theme)


@router.get("/forum-pack")
async def forum_pack(quarter: QuarterQuery, f: Filters = Depends(filters),
                     _: Principal = Depends(allow(*FORUM_PACK_READERS)),
                     deps: Deps = Depends(get_deps)) -> dict:
    """Three months for the quarterly QA Forum: trends, themes, escalations, views."""
    return await forum_for(deps, quarter, f)


@router.get("/forum-pack.pdf")
async def forum_pack_pdf(quarter: QuarterQuery, f: Filters = Depends(filters),
                         _: Principal = Depends(allow(*FORUM_PACK_READERS)),
                         deps: Deps = Depends(get_deps)) -> Response:
    pack = await forum_for(deps, quarter, f)
    pdf = files.to_pdf(f"QA Forum pack: {quarter}",
                       [(name.capitalize(), table) for name, table in forum_tables(pack).items()],
                       charts=charts.forum_charts(pack, quarter))
    return Response(pdf, media_type=files.PDF_TYPE,
                    headers=attachment(f"forum-pack-{quarter}.pdf"))


async def clinic_for(request: Request, team: str, to_month: str, months: int,
                     viewer: str) -> dict:
    if not await is_known(request, "team", team):
        raise unknown("team", team)
    return await reports.clinic_pack(get_deps(request), team=team, to_month=to_month,
                                     months=months, today=england_today(), viewer=viewer)


@router.get("/clinic-pack")
async def clinic_pack(
    request: Request, team: str, to_month: MonthQuery, months: ClinicMonths = 3,
    who: Principal = Depends(allow(*CLINIC_READERS)),
) -> dict:
    """A team's performance clinic pack; individuals only for the viewer's own reports."""
    return await clinic_for(request, team, to_month, months, who.subject)


@router.get("/coverage")
async def coverage(f: Filters = Depends(filters), _: Principal = Depends(allow(*FORUM_READERS)),
                   deps: Deps = Depends(get_deps)) -> dict:
    """Last 12 months: each worker's case audit and practice observation, ASYE, observed
    supervision, and key meetings observed by heads of service (2) and directors (1)."""
    return await reports.coverage_report(deps, today=england_today(), team=f.team)


@router.get("/complaints")
async def complaints(year: YearQuery, f: Filters = Depends(filters),
                     _: Principal = Depends(allow(*BRIEFING_READERS)),
                     deps: Deps = Depends(get_deps)) -> dict:
    """Quarterly and annual figures, year on year, stage 2 past 65 working days, themes."""
    return await reports.complaints_report(deps, year=year, today=england_today(),
                                           team=f.team, theme=f.theme)


@router.get("/impact")
async def impact(month: MonthQuery, f: Filters = Depends(filters),
                 _: Principal = Depends(allow(*BRIEFING_READERS)),
                 deps: Deps = Depends(get_deps)) -> dict:
    """The framework's three impact questions over the 12 months ending `month`."""
    return await reports.impact_report(deps, month=month, today=england_today(), team=f.team)
