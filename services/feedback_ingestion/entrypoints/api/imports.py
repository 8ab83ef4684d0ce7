"""File imports over HTTP (systems that post exports; the upload page is in pages/)."""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, UploadFile, status
from fastapi.responses import StreamingResponse

from shared.auth import Principal, allow
from shared.cells import inert
from shared.http import current_correlation_id, found_or_404

from ...application.deps import Deps
from ...application.imports import import_exists, import_with_counts, report_page
from ...application.imports import report_rows, run_import, summary
from ..deps import get_deps
from ..roles import IMPORTERS

router = APIRouter(prefix="/feedback", tags=["imports"])


@router.post("/imports")
async def upload_import(
    source: str = Form(...), file: UploadFile = File(...), deps: Deps = Depends(get_deps),
    who: Principal = Depends(allow(*IMPORTERS)),
) -> dict:
    """A CSV or Excel export: the per-row report. An empty file or an unknown column set is
    refused (422) saying so."""
    result = await run_import(deps, source=source, binary=file.file,
                              filename=file.filename or "upload.csv", by=who.subject,
                              correlation_id=current_correlation_id())
    if result.status == "refused":
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            detail={"import_id": result.import_id, "error": result.error})
    return summary(result)


@router.get("/imports/{import_id}")
async def get_import(import_id: str, deps: Deps = Depends(get_deps),
                     _: Principal = Depends(allow(*IMPORTERS))) -> dict:
    """The import, its counts and the first rows of its report; `pages` pages hold all."""
    return found_or_404(await import_with_counts(deps, import_id), f"no import {import_id}")


@router.get("/imports/{import_id}/report")
async def get_report_page(import_id: str, page: int = Query(1, ge=1),
                          deps: Deps = Depends(get_deps),
                          _: Principal = Depends(allow(*IMPORTERS))) -> dict:
    """One page (one chunk of rows) of the full per-row report."""
    rows = found_or_404(await report_page(deps, import_id, page),
                        f"no page {page} for import {import_id}")
    return {"import_id": import_id, "page": page, "rows": rows}


@router.get("/imports/{import_id}/report.csv")
async def get_report_csv(import_id: str, deps: Deps = Depends(get_deps),
                         _: Principal = Depends(allow(*IMPORTERS))) -> StreamingResponse:
    """The whole per-row report, streamed (a 100,000-row import is never held at once)."""
    if not await import_exists(deps, import_id):
        found_or_404(None, f"no import {import_id}")

    async def lines():
        yield "row,outcome,item_id,reasons\r\n"
        async for row in report_rows(deps, import_id):
            yield report_line(row)

    return StreamingResponse(lines(), media_type="text/csv", headers={
        "Content-Disposition": f'attachment; filename="import-{import_id}.csv"'})


def report_line(row: dict) -> str:
    out = io.StringIO()
    csv.writer(out).writerow([row["row"], row["outcome"], row.get("item_id") or "",
                              inert("; ".join(row.get("reasons") or []))])
    return out.getvalue()
