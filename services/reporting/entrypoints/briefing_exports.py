"""The briefing's tables (CSV, Excel) and the whole briefing as a PDF."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request, Response

from shared.auth import Principal, allow

from ..adapters import exports
from ..domain.tables import BRIEFING_TABLES
from .briefing import BRIEFING_READERS, briefing_for, signoff_note
from .downloads import Format, attachment, table_response
from .filters import Filters, briefing_period, filters

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/monthly-briefing/tables/{table}.{fmt}")
async def export_briefing_table(
    request: Request, table: Literal[tuple(BRIEFING_TABLES)], fmt: Format,  # type: ignore[valid-type]
    _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
) -> Response:
    rows = BRIEFING_TABLES[table](await briefing_for(request, period, f))
    return table_response(rows, f"briefing-{period}-{table}", fmt)


@router.get("/monthly-briefing.pdf")
async def briefing_pdf(
    request: Request, _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
) -> Response:
    b = await briefing_for(request, period, f)
    notes = [n for n in [b["note"], signoff_note(b["signoff"], b["quarter"])] if n]
    kind = "Quarterly" if b["quarter"] else "Monthly"
    body = exports.to_pdf(f"{kind} briefing: {period}",
                          [(name.capitalize(), make(b)) for name, make in BRIEFING_TABLES.items()],
                          notes=notes)
    return Response(body, media_type=exports.PDF_TYPE, headers=attachment(f"briefing-{period}.pdf"))
