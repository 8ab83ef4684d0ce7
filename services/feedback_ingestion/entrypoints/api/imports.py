"""File imports over HTTP (the upload page and systems that post exports)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from fastapi import (APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile,
                     status)
from fastapi.responses import StreamingResponse

from shared.auth import Principal, Role, allow
from shared.envelope import utc_now
from shared.http import current_correlation_id, found_or_404

from ...domain.imports import with_shown_status
from ...application.imports import ImportResult, run_import

router = APIRouter(prefix="/feedback", tags=["imports"])
IMPORTERS = (Role.HEAD_OF_QUALITY, Role.PERFORMANCE_TEAM, Role.INTEGRATION, Role.ADMIN)


async def import_upload(request: Request, who: Principal, source: str,
                        upload: UploadFile) -> ImportResult:
    deps = request.app.state.deps
    settings = deps.settings
    return await run_import(
        deps.intake, deps.imports, source=source, binary=upload.file,
        filename=upload.filename or "upload.csv", by=who.subject,
        mappings=settings.ingestion["mappings"], chunk_rows=settings.import_chunk_rows,
        report_rows=settings.import_report_rows, correlation_id=current_correlation_id())


def summary(result: ImportResult) -> dict:
    counts = {k: result.counts[k] for k in ("received", "accepted", "updated", "duplicate",
                                             "quarantined")}
    return {"import_id": result.import_id, "status": result.status, "error": result.error,
            "counts": counts, "rows": result.rows, "rows_truncated": result.truncated,
            "pages": result.pages, "report_csv": f"/feedback/imports/{result.import_id}/report.csv"}


@router.post("/imports")
async def upload_import(
    request: Request, source: str = Form(...), file: UploadFile = File(...),
    who: Principal = Depends(allow(*IMPORTERS)),
) -> dict:
    """A CSV or Excel export: the per-row report. An empty file or an unknown column set is
    refused (422) saying so."""
    result = await import_upload(request, who, source, file)
    if result.status == "refused":
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            detail={"import_id": result.import_id, "error": result.error})
    return summary(result)


def shown(record: dict, settings) -> dict:
    return with_shown_status(record, now=utc_now(),
                             stale_after=timedelta(seconds=settings.import_stale_seconds))


@router.get("/imports/{import_id}")
async def get_import(import_id: str, request: Request,
                     _: Principal = Depends(allow(*IMPORTERS))) -> dict:
    """The import, its counts and the first rows of its report; `pages` pages hold all."""
    deps = request.app.state.deps
    found = found_or_404(await deps.imports.get(import_id), f"no import {import_id}")
    counts = await deps.counts.get("import", import_id)
    return shown(found, deps.settings) | {"counts": counts}


@router.get("/imports/{import_id}/report")
async def get_report_page(import_id: str, request: Request, page: int = Query(1, ge=1),
                          _: Principal = Depends(allow(*IMPORTERS))) -> dict:
    """One page (one chunk of rows) of the full per-row report."""
    rows = found_or_404(await request.app.state.deps.imports.page(import_id, page),
                        f"no page {page} for import {import_id}")
    return {"import_id": import_id, "page": page, "rows": rows}


@router.get("/imports/{import_id}/report.csv")
async def get_report_csv(import_id: str, request: Request,
                         _: Principal = Depends(allow(*IMPORTERS))) -> StreamingResponse:
    """The whole per-row report, streamed (a 100,000-row import is never held at once)."""
    imports = request.app.state.deps.imports
    found_or_404(await imports.get(import_id), f"no import {import_id}")

    async def lines():
        yield "row,outcome,item_id,reasons\r\n"
        async for row in imports.all_rows(import_id):
            yield report_line(row)

    return StreamingResponse(lines(), media_type="text/csv", headers={
        "Content-Disposition": f'attachment; filename="import-{import_id}.csv"'})


def report_line(row: dict) -> str:
    out = io.StringIO()
    csv.writer(out).writerow([row["row"], row["outcome"], row.get("item_id") or "",
                              "; ".join(row.get("reasons") or [])])
    return out.getvalue()
