"""PDFs and table exports (CSV, Excel) of the clinic pack, complaints and impact reports."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request, Response

from shared.auth import Principal, allow

from ...application.deps import Deps
from ...domain.indicators import by_month
from ...domain.report_tables import CLINIC_TABLES, COMPLAINTS_TABLES, IMPACT_TABLES
from ...domain.tables import Table
from ..deps import get_deps
from ..filters import Filters, MonthQuery, filters
from ..formats import charts, files
from ..formats.downloads import Format, attachment, table_response
from ..roles import BRIEFING_READERS, CLINIC_READERS
from .packs import ClinicMonths, YearQuery, clinic_for, complaints, impact

router = APIRouter(prefix="/reports", tags=["reports"])
ClinicTable = Literal[tuple(CLINIC_TABLES)]  # type: ignore[valid-type]
ComplaintsTable = Literal[tuple(COMPLAINTS_TABLES)]  # type: ignore[valid-type]
ImpactTable = Literal[tuple(IMPACT_TABLES)]  # type: ignore[valid-type]


def pdf_response(title: str, tables: dict, body: dict, stem: str, notes: list[str] = (),
                 pictures: dict[str, str | None] | None = None) -> Response:
    sections: list[tuple[str, Table]] = [
        (name.replace("-", " ").capitalize(), make(body)) for name, make in tables.items()]
    return Response(files.to_pdf(title, sections, notes=list(notes), charts=pictures),
                    media_type=files.PDF_TYPE, headers=attachment(f"{stem}.pdf"))


def clinic_stem(team: str, to_month: str, months: int) -> str:
    return f"clinic-pack-{team}-{to_month}-{months}m"


@router.get("/clinic-pack.pdf")
async def clinic_pack_pdf(request: Request, team: str, to_month: MonthQuery,
                          months: ClinicMonths = 3,
                          who: Principal = Depends(allow(*CLINIC_READERS))) -> Response:
    """The clinic pack as a PDF; its individuals are the reader's own reports only."""
    body = await clinic_for(request, team, to_month, months, who.subject)
    indicators = by_month(body["locality_indicators"], body["months"])
    return pdf_response(f"Performance clinic pack: {body.get('team_name') or team}, {body['months'][0]} to {to_month}",
                        CLINIC_TABLES, body, clinic_stem(team, to_month, months),
                        pictures=charts.clinic_charts(body, indicators))


@router.get("/clinic-pack/tables/{table}.{fmt}")
async def clinic_pack_table(request: Request, table: ClinicTable, fmt: Format, team: str,
                            to_month: MonthQuery, months: ClinicMonths = 3,
                            who: Principal = Depends(allow(*CLINIC_READERS))) -> Response:
    body = await clinic_for(request, team, to_month, months, who.subject)
    return table_response(CLINIC_TABLES[table](body),
                          f"{clinic_stem(team, to_month, months)}-{table}", fmt)


@router.get("/complaints.pdf")
async def complaints_pdf(year: YearQuery, f: Filters = Depends(filters),
                         who: Principal = Depends(allow(*BRIEFING_READERS)),
                         deps: Deps = Depends(get_deps)) -> Response:
    body = await complaints(year, f, who, deps)
    notes = [f"{body['with_learning']} complaints this year recorded learning."]
    return pdf_response(f"Complaints: {year}", COMPLAINTS_TABLES, body, f"complaints-{year}",
                        notes, charts.complaints_charts(body, str(year), list(body["quarters"])))


@router.get("/complaints/tables/{table}.{fmt}")
async def complaints_table(table: ComplaintsTable, fmt: Format,
                           year: YearQuery, f: Filters = Depends(filters),
                           who: Principal = Depends(allow(*BRIEFING_READERS)),
                           deps: Deps = Depends(get_deps)) -> Response:
    body = await complaints(year, f, who, deps)
    return table_response(COMPLAINTS_TABLES[table](body), f"complaints-{year}-{table}", fmt)


@router.get("/impact.pdf")
async def impact_pdf(month: MonthQuery, f: Filters = Depends(filters),
                     who: Principal = Depends(allow(*BRIEFING_READERS)),
                     deps: Deps = Depends(get_deps)) -> Response:
    body = await impact(month, f, who, deps)
    return pdf_response(f"Impact: the 12 months to {month}", IMPACT_TABLES, body,
                        f"impact-{month}", pictures=charts.impact_charts(body))


@router.get("/impact/tables/{table}.{fmt}")
async def impact_table(table: ImpactTable, fmt: Format, month: MonthQuery,
                       f: Filters = Depends(filters),
                       who: Principal = Depends(allow(*BRIEFING_READERS)),
                       deps: Deps = Depends(get_deps)) -> Response:
    body = await impact(month, f, who, deps)
    return table_response(IMPACT_TABLES[table](body), f"impact-{month}-{table}", fmt)
