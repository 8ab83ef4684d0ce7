"""Themed audits and dip samples: a theme's questions applied to one case or to many."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request, Response, status

from shared.auth import Principal, allow
from shared.envelope import utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id

from ..domain.themes import DefineTheme, RecordDipSample, RecordThemedAudit, dip_sample_audit_id
from ..domain.themes import themed_audit, unanswered
from .common import AUDITORS, PLANNERS, READERS, deps, invalid, not_found, recorded

router = APIRouter(tags=["themed audits"])
CREATED = {"status_code": status.HTTP_201_CREATED, "responses": PENDING_RESPONSE}


@router.put("/themes/{theme_id}")
async def define_theme(theme_id: str, theme: DefineTheme, request: Request,
                       _: Principal = Depends(allow(*PLANNERS))) -> dict[str, Any]:
    if theme.theme_id != theme_id:
        raise invalid((["theme_id"], "must match the address"))
    document = {"title": theme.title, "questions": [q.model_dump() for q in theme.questions]}
    await deps(request).themes.collection.update_one({"_id": theme_id}, {"$set": document},
                                                     upsert=True)
    return {"theme_id": theme_id, "questions": len(theme.questions)}


@router.get("/themes")
async def list_themes(request: Request,
                      _: Principal = Depends(allow(*READERS))) -> list[dict[str, Any]]:
    return await deps(request).themes.find({})


@router.post("/themed-audits", **CREATED)
async def record_one(command: RecordThemedAudit, request: Request, response: Response,
                     _: Principal = Depends(allow(*AUDITORS))) -> dict[str, Any]:
    theme = await _theme(request, command.theme_id, [command])
    fact = themed_audit(theme, command, month=command.month, auditor_ids=command.auditor_ids,
                        partner_agencies=command.partner_agencies,
                        themed_audit_id=str(uuid.uuid4()), dip_sample_id=None, now=utc_now())
    published = await deps(request).themed_audits.create(
        {"_id": fact.themed_audit_id, **fact.model_dump(mode="json")}, [fact],
        correlation_id=current_correlation_id())
    return recorded(response, published, themed_audit_id=fact.themed_audit_id)


@router.post("/dip-samples", **CREATED)
async def record_dip_sample(command: RecordDipSample, request: Request, response: Response,
                            _: Principal = Depends(allow(*AUDITORS))) -> dict[str, Any]:
    """Many cases against one theme: one themed audit fact per case, all or none."""
    theme = await _theme(request, command.theme_id, command.cases)
    dip_sample_id, published, now = str(uuid.uuid4()), True, utc_now()
    for case in command.cases:
        fact = themed_audit(theme, case, month=command.month, auditor_ids=command.auditor_ids,
                            partner_agencies=command.partner_agencies, now=now,
                            themed_audit_id=dip_sample_audit_id(dip_sample_id, case.case_ref),
                            dip_sample_id=dip_sample_id)
        published &= await deps(request).themed_audits.create(
            {"_id": fact.themed_audit_id, **fact.model_dump(mode="json")}, [fact],
            correlation_id=current_correlation_id())
    return recorded(response, published, dip_sample_id=dip_sample_id, cases=len(command.cases))


async def _theme(request: Request, theme_id: str, cases: list) -> dict[str, Any]:
    theme = await deps(request).themes.get(theme_id)
    if theme is None:
        raise not_found(f"theme {theme_id}")
    problems = [(["cases", i, "answers"] if len(cases) > 1 else ["answers"], why)
                for i, case in enumerate(cases) if (why := unanswered(theme, case.answers))]
    if problems:
        raise invalid(*problems)
    return theme
