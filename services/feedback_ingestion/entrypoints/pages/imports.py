"""Pages: home, and the upload page with its per-row report."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from shared.auth import EVERYONE, Principal, allow
from shared.http import current_correlation_id

from ...application.deps import Deps
from ...application.imports import run_import, summary
from ...domain.sources import SOURCES
from ..deps import get_deps
from ..roles import COUNTERS, FIXERS, IMPORTERS
from .rendering import templates

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: Principal = Depends(allow(*EVERYONE))) -> HTMLResponse:
    """Only the pages this person's roles may open."""
    return templates.TemplateResponse(request, "home.html", {
        "principal": who, "can_import": who.has_any(frozenset(IMPORTERS)),
        "can_fix": who.has_any(frozenset(FIXERS)), "can_count": who.has_any(frozenset(COUNTERS))})


@router.get("/imports/new", response_class=HTMLResponse)
async def upload_form(request: Request,
                      who: Principal = Depends(allow(*IMPORTERS))) -> HTMLResponse:
    return templates.TemplateResponse(request, "upload.html",
                                      {"principal": who, "sources": SOURCES})


@router.post("/imports/new", response_class=HTMLResponse)
async def upload(request: Request, source: str = Form(...), file: UploadFile = File(...),
                 deps: Deps = Depends(get_deps),
                 who: Principal = Depends(allow(*IMPORTERS))) -> HTMLResponse:
    result = await run_import(deps, source=source, binary=file.file,
                              filename=file.filename or "upload.csv", by=who.subject,
                              correlation_id=current_correlation_id())
    return templates.TemplateResponse(
        request, "import_report.html",
        {"principal": who, "r": summary(result), "filename": file.filename, "source": source},
        status_code=422 if result.status == "refused" else 200)
