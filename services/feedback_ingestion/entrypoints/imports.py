"""File imports over HTTP (the upload page and systems that post exports)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile, status

from shared.auth import Principal, Role, allow
from shared.http import current_correlation_id, found_or_404

from ..handlers.imports import ImportResult, run_import

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
            "counts": counts, "rows": result.rows, "rows_truncated": result.truncated}


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


@router.get("/imports/{import_id}")
async def get_import(import_id: str, request: Request,
                     _: Principal = Depends(allow(*IMPORTERS))) -> dict:
    found = found_or_404(await request.app.state.deps.imports.get(import_id), f"no import {import_id}")
    counts = await request.app.state.deps.counts.get("import", import_id)
    return found | {"counts": counts}
