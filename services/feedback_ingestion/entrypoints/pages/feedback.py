"""Pages: home, the upload page with its per-row report, quarantine, reconciliation."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse

from shared.auth import Principal, Role, allow
from shared.envelope import utc_now
from shared.web import page_templates

from ...domain.sources import SOURCES
from ..api.imports import IMPORTERS, import_upload, shown, summary
from ...application.privacy import quarantine_view
from ..api.quarantine import COUNTERS, FIXERS, resubmit_entry

router = APIRouter(include_in_schema=False)
templates = page_templates(Path(__file__).parents[2] / "templates")


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: Principal = Depends(allow(*tuple(Role)))) -> HTMLResponse:
    return templates.TemplateResponse(request, "home.html", {"principal": who})


@router.get("/imports/new", response_class=HTMLResponse)
async def upload_form(request: Request,
                      who: Principal = Depends(allow(*IMPORTERS))) -> HTMLResponse:
    return templates.TemplateResponse(request, "upload.html",
                                      {"principal": who, "sources": SOURCES})


@router.post("/imports/new", response_class=HTMLResponse)
async def upload(request: Request, source: str = Form(...), file: UploadFile = File(...),
                 who: Principal = Depends(allow(*IMPORTERS))) -> HTMLResponse:
    result = await import_upload(request, who, source, file)
    return templates.TemplateResponse(
        request, "import_report.html",
        {"principal": who, "r": summary(result), "filename": file.filename, "source": source},
        status_code=422 if result.status == "refused" else 200)


@router.get("/quarantine", response_class=HTMLResponse)
async def quarantine_page(request: Request,
                          who: Principal = Depends(allow(*FIXERS))) -> HTMLResponse:
    entries = await request.app.state.deps.quarantine.list(status="open", source=None, limit=200)
    return templates.TemplateResponse(request, "quarantine.html", {
        "principal": who, "entries": [quarantine_view(request, who, e) for e in entries]})


@router.get("/quarantine/{entry_id}", response_class=HTMLResponse)
async def quarantined_page(entry_id: str, request: Request,
                           who: Principal = Depends(allow(*FIXERS)),
                           message: str | None = None) -> HTMLResponse:
    entry = await request.app.state.deps.quarantine.get(entry_id)
    if entry is None:
        raise HTTPException(404, detail=f"no quarantined item {entry_id}")
    view = quarantine_view(request, who, entry)
    content = json.dumps(view.get("content"), indent=2, ensure_ascii=False, default=str)
    return templates.TemplateResponse(request, "quarantined.html", {
        "principal": who, "e": view, "content": content, "message": message})


@router.post("/quarantine/{entry_id}", response_class=HTMLResponse)
async def resubmit_form(entry_id: str, request: Request, content: str = Form(...),
                        who: Principal = Depends(allow(*FIXERS))) -> HTMLResponse:
    try:
        receipt = await resubmit_entry(request, entry_id, json.loads(content))
        message = f"Re-submitted: {receipt['outcome']}."
    except json.JSONDecodeError:
        message = "The corrected content is not JSON."
    except HTTPException as error:
        detail = error.detail
        message = "Still failing: " + "; ".join(detail["reasons"]) \
            if isinstance(detail, dict) else str(detail)
    return await quarantined_page(entry_id, request, who, message)


@router.get("/reconciliation", response_class=HTMLResponse)
async def reconciliation_page(request: Request,
                              who: Principal = Depends(allow(*COUNTERS))) -> HTMLResponse:
    deps = request.app.state.deps
    return templates.TemplateResponse(request, "reconciliation.html", {
        "principal": who, "days": await deps.counts.days(), "imports": [shown(i, deps.settings) for i in await deps.imports.recent()],
        "today": utc_now().date().isoformat()})
