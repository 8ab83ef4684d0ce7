"""Themed audits and dip samples: a theme's questions applied to one case or to many. The
rules and recording are in application/themes.py, shared with the page
(pages/themed_audits.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Response, status

from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE

from ...application import themes as use_cases
from ...application.deps import Deps
from ...application.themes import AnswersDoNotFit, ThemeRetired, UnknownTheme
from ...domain.themes import DefineTheme, RecordDipSample, RecordThemedAudit
from ..deps import get_deps
from ..roles import AUDITORS, PLANNERS, READERS
from .answers import invalid, not_found, recorded

router = APIRouter(tags=["themed audits"])
CREATED = {"status_code": status.HTTP_201_CREATED, "responses": PENDING_RESPONSE}


@router.put("/themes/{theme_id}")
async def define_theme(theme_id: str, theme: DefineTheme,
                       _: Principal = Depends(allow(*PLANNERS)),
                       deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    if theme.theme_id != theme_id:
        raise invalid((["theme_id"], "must match the address"))
    await use_cases.define_theme(deps, theme)
    return {"theme_id": theme_id, "questions": len(theme.questions)}


@router.post("/themes/{theme_id}/retire")
async def retire_theme(theme_id: str, who: Principal = Depends(allow(*PLANNERS)),
                       deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """No longer offered for themed audits; kept, with the audits recorded against it."""
    try:
        await use_cases.retire_theme(deps, theme_id, who=who)
    except UnknownTheme as refusal:
        raise not_found(str(refusal)) from refusal
    return {"theme_id": theme_id, "retired": True}


@router.post("/themes/{theme_id}/reinstate")
async def reinstate_theme(theme_id: str, _: Principal = Depends(allow(*PLANNERS)),
                          deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    try:
        await use_cases.reinstate_theme(deps, theme_id)
    except UnknownTheme as refusal:
        raise not_found(str(refusal)) from refusal
    return {"theme_id": theme_id, "retired": False}


@router.get("/themes")
async def list_themes(_: Principal = Depends(allow(*READERS)),
                      deps: Deps = Depends(get_deps)) -> list[dict[str, Any]]:
    return await use_cases.themes_listed(deps)


@router.post("/themed-audits", **CREATED)
async def record_one(command: RecordThemedAudit, response: Response,
                     who: Principal = Depends(allow(*AUDITORS)),
                     deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    try:
        done = await use_cases.record_themed_audit(deps, command, who=who)
    except (UnknownTheme, AnswersDoNotFit, ThemeRetired) as refusal:
        raise _http(refusal) from refusal
    return recorded(response, done.published, themed_audit_id=done.record_id)


@router.post("/dip-samples", **CREATED)
async def record_dip_sample(command: RecordDipSample, response: Response,
                            _: Principal = Depends(allow(*AUDITORS)),
                            deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    try:
        dip_sample_id, published = await use_cases.record_dip_sample(deps, command)
    except (UnknownTheme, AnswersDoNotFit, ThemeRetired) as refusal:
        raise _http(refusal) from refusal
    return recorded(response, published, dip_sample_id=dip_sample_id, cases=len(command.cases))


def _http(refusal: UnknownTheme | AnswersDoNotFit | ThemeRetired) -> HTTPException:
    if isinstance(refusal, AnswersDoNotFit):
        return invalid(*refusal.problems)
    if isinstance(refusal, ThemeRetired):
        return invalid((["theme_id"], str(refusal)))
    return not_found(str(refusal))
