"""The briefing's tables (CSV, Excel) and the whole briefing as a PDF."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Response

from shared.auth import Principal, allow

from ...application.deps import Deps
from ...domain.tables import BRIEFING_TABLES
from ..deps import get_deps
from ..filters import Filters, briefing_period, filters
from ..formats import charts, files
from ..formats.downloads import Format, attachment, table_response
from ..roles import BRIEFING_READERS
from .briefing import briefing_for, signoff_note

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/monthly-briefing/tables/{table}.{fmt}")
async def export_briefing_table(
    table: Literal[tuple(BRIEFING_TABLES)], fmt: Format,  # type: ignore[valid-type]
    _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
    deps: Deps = Depends(get_deps),
) -> Response:
    rows = BRIEFING_TABLES[table](await briefing_for(deps, period, f))
    return table_response(rows, f"briefing-{period}-{table}", fmt)


@router.get("/monthly-briefing.pdf")
async def briefing_pdf(
    _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
    deps: Deps = Depends(get_deps),
) -> Response:
    b = await briefing_for(deps, period, f)
    notes = [n for n in [b["note"], signoff_note(b["signoff"], b["quarter"])] if n]
    kind = "Quarterly" if b["quarter"] else "Monthly"
    body = files.to_pdf(f"{kind} briefing: {period}",
                        [(name.capitalize(), make(b)) for name, make in BRIEFING_TABLES.items()],
                        notes=notes, charts=charts.briefing_charts(b, period))
    return Response(body, media_type=files.PDF_TYPE, headers=attachment(f"briefing-{period}.pdf"))
