"""Moderation and sign-off of submitted audits, and agreement per auditor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from schemas.common import Month
from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE

from ...application.deps import Deps
from ...application.moderation import agreement as agreement_by_auditor
from ...application.moderation import record_moderation, record_sign_off
from ...domain.moderation import ModerateAudit
from ..deps import get_deps
from ..roles import MODERATORS, READERS, SIGNERS
from .answers import load, recorded

router = APIRouter(tags=["moderation"])


@router.post("/audits/{audit_id}/moderation", responses=PENDING_RESPONSE)
async def moderate_audit(
    audit_id: str, command: ModerateAudit, response: Response,
    who: Principal = Depends(allow(*MODERATORS)), deps: Deps = Depends(get_deps),
) -> dict[str, Any]:
    audit = await load(deps, audit_id)
    moderation, published = await record_moderation(deps, audit, command, who=who)
    return recorded(response, published, audit_id=audit_id, status=moderation.status.value,
                    grade_changes=len(moderation.grade_changes),
                    agreed=moderation.moderated.agreed_count)


@router.post("/audits/{audit_id}/sign-off", responses=PENDING_RESPONSE)
async def sign_off(
    audit_id: str, response: Response,
    who: Principal = Depends(allow(*SIGNERS)), deps: Deps = Depends(get_deps),
) -> dict[str, Any]:
    audit = await load(deps, audit_id)
    status_after, published = await record_sign_off(deps, audit, who=who)
    return recorded(response, published, audit_id=audit_id, status=status_after.value)


@router.get("/moderation/agreement")
async def agreement(
    month: Annotated[Month | None, Query()] = None,
    _: Principal = Depends(allow(*READERS)), deps: Deps = Depends(get_deps),
) -> dict[str, Any]:
    """"Audit the auditor": per auditor, judgements the moderators agreed with."""
    return {"month": month, "by_auditor": await agreement_by_auditor(deps, month)}
