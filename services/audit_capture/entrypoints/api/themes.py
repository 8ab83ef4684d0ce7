"""Themed audits and dip samples: a theme's questions applied to one case or to many. The
rules and recording are in handlers/themes.py, shared with the page (themed_audit_page.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response, status

from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE

from ...domain.themes import DefineTheme, RecordDipSample, RecordThemedAudit
from ...application import themes as handle
from ...application.themes import AnswersDoNotFit, UnknownTheme
from .answers import AUDITORS, PLANNERS, READERS, deps, invalid, not_found, recorded

router = APIRouter(tags=["themed audits"])
CREATED = {"status_code": status.HTTP_201_CREATED, "responses": PENDING_RESPONSE}


@router.put("/themes/{theme_id}")
async def define_theme(theme_id: str, theme: DefineTheme, request: Request,
                       _: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    if theme.theme_id != theme_id:
        raise invalid((["theme_id"], "must match the address"))
    await handle.define_theme(deps(request), theme)
    return {"theme_id": theme_id, "questions": len(theme.questions)}


@router.get("/themes")
async def list_themes(request: Request,
                      _: Principal = Depends(allow(*READERS))) -> list[dict[str, Any]]:
    return await deps(request).themes.find({})


@router.post("/themed-audits", **CREATED)
async def record_one(command: RecordThemedAudit, request: Request, response: Response,
                     who: Principal = Depends(allow(*AUDITORS))) -> dict[str, Any]:
    try:
        done = await handle.record_themed_audit(deps(request), command, who=who)
    except (UnknownTheme, AnswersDoNotFit) as refusal:
        raise _http(refusal) from refusal
    return recorded(response, done.published, themed_audit_id=done.record_id)


@router.post("/dip-samples", **CREATED)
async def record_dip_sample(command: RecordDipSample, request: Request, response: Response,
                            _: Principal = Depends(allow(*AUDITORS))) -> dict[str, Any]:
    try:
        dip_sample_id, published = await handle.record_dip_sample(deps(request), command)
    except (UnknownTheme, AnswersDoNotFit) as refusal:
        raise _http(refusal) from refusal
    return recorded(response, published, dip_sample_id=dip_sample_id, cases=len(command.cases))


def _http(refusal: Exception):
    if isinstance(refusal, AnswersDoNotFit):
        return invalid(*refusal.problems)
    return not_found(str(refusal))
