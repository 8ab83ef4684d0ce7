"""Pages: the open quarantine, and one quarantined item with its edit-and-re-submit form
(the form's content is JSON, parsed here)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse

from shared.auth import Principal, allow
from shared.http import current_correlation_id
from shared.personal_data.access_log import Reads, records_reads

from ...application.deps import Deps
from ...application.quarantine import NotOpen, UnknownEntry, quarantined, quarantined_entry
from ...application.quarantine import named_children, resubmit
from ...domain.sources import Invalid
from ..deps import get_deps
from ..roles import FIXERS
from .rendering import templates

router = APIRouter(include_in_schema=False)


@router.get("/quarantine", response_class=HTMLResponse)
async def quarantine_page(request: Request, deps: Deps = Depends(get_deps),
                          who: Principal = Depends(allow(*FIXERS))) -> HTMLResponse:
    entries = await quarantined(deps, who, status="open", source=None, limit=200)
    return templates.TemplateResponse(request, "quarantine.html", {
        "principal": who, "entries": entries})


@router.get("/quarantine/{entry_id}", response_class=HTMLResponse)
async def quarantined_page(entry_id: str, request: Request, deps: Deps = Depends(get_deps),
                           who: Principal = Depends(allow(*FIXERS)),
                           message: str | None = None,
                           reads: Reads = Depends(records_reads)) -> HTMLResponse:
    view = await quarantined_entry(deps, who, entry_id)
    if view is None:
        raise HTTPException(404, detail=f"no quarantined item {entry_id}")
    await reads.children(who, named_children([view]))
    content = json.dumps(view.get("content"), indent=2, ensure_ascii=False, default=str)
    return templates.TemplateResponse(request, "quarantined.html", {
        "principal": who, "e": view, "content": content, "message": message})


@router.post("/quarantine/{entry_id}", response_class=HTMLResponse)
async def resubmit_form(entry_id: str, request: Request, content: str = Form(...),
                        deps: Deps = Depends(get_deps),
                        who: Principal = Depends(allow(*FIXERS)),
                        reads: Reads = Depends(records_reads)) -> HTMLResponse:
    try:
        receipt = await resubmit(deps, entry_id, correction=json.loads(content),
                                 correlation_id=current_correlation_id())
        message = f"Re-submitted: {receipt.outcome}."
    except json.JSONDecodeError:
        message = "The corrected content is not JSON."
    except (UnknownEntry, NotOpen) as refused:
        message = str(refused)
    except Invalid as invalid:
        message = "Still failing: " + "; ".join(invalid.reasons)
    return await quarantined_page(entry_id, request, deps, who, message, reads)
