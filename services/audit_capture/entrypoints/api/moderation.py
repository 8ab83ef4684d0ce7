"""Moderation and sign-off of submitted audits, and agreement per auditor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from schemas.audit import AuditModerated, AuditSignedOff
from schemas.common import Month
from shared.auth import Principal, Role, allow
from shared.envelope import derived_id, utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id

from ...domain.lifecycle import ModerationSample, Status, next_status
from ...domain.lifecycle import signed_off_from
from ...domain.moderation import ModerateAudit, agreement_by_auditor, moderate
from ...domain.moderation import refuse_unless_moderating_group
from ...application.programme import duties
from .audits import load
from .answers import READERS, deps, recorded

router = APIRouter(tags=["moderation"])
MODERATORS = (Role.MODERATOR, Role.PRINCIPAL_SOCIAL_WORKER, Role.HEAD_OF_QUALITY)
SIGNERS = (Role.HEAD_OF_QUALITY, Role.PRINCIPAL_SOCIAL_WORKER)


@router.post("/audits/{audit_id}/moderation", responses=PENDING_RESPONSE)
async def moderate_audit(
    audit_id: str, command: ModerateAudit, request: Request, response: Response,
    who: Principal = Depends(allow(*MODERATORS)),
) -> dict[str, Any]:
    audit = await load(request, audit_id)
    status_after, published, moderated, changes = await record_moderation(
        deps(request), audit, command, who=who)
    return recorded(response, published, audit_id=audit_id, status=status_after.value,
                    grade_changes=changes, agreed=moderated.agreed_count)


async def record_moderation(d: Any, audit: dict, command: ModerateAudit, *, who: Principal):
    """(new status, published, the moderation fact, how many grades it changed)."""
    status_after = next_status(audit["status"], "moderate")
    moderated, changes = moderate(audit, command,
                                  moderation_id=derived_id("moderation", audit["_id"]),
                                  moderator_id=who.subject, now=utc_now())
    month = await duties(d, audit["month"], first_month=d.rotation_first_month)
    moderator = await d.staff.get(who.subject) or {}
    refuse_unless_moderating_group(moderator_id=who.subject,
                                   moderator_group=moderator.get("audit_group"),
                                   moderation_group=month["moderation_group"],
                                   month=audit["month"])
    changed = {c.standard: c.grade.value for c in changes if c.standard}
    standards = [s | {"grade": changed.get(s["standard"], s["grade"])} for s in audit["standards"]]
    # The changes are kept on the audit (its page shows each grade before and after).
    updates = {"status": status_after.value, "moderation": moderated.model_dump(mode="json"),
               "grade_changes": [c.model_dump(mode="json") for c in changes],
               "standards": standards, "overall_grade": moderated.overall_grade.value}
    published = await d.audits.change(audit, updates, [moderated, *changes],
                                      correlation_id=current_correlation_id())
    return status_after, published, moderated, len(changes)


@router.post("/audits/{audit_id}/sign-off", responses=PENDING_RESPONSE)
async def sign_off(
    audit_id: str, request: Request, response: Response,
    who: Principal = Depends(allow(*SIGNERS)),
) -> dict[str, Any]:
    audit = await load(request, audit_id)
    status_after, published = await record_sign_off(deps(request), audit, who=who)
    return recorded(response, published, audit_id=audit_id, status=status_after.value)


async def record_sign_off(d: Any, audit: dict, *, who: Principal) -> tuple[Status, bool]:
    """(new status, published); IllegalTransition says why not (the month's sample decides)."""
    sample = ModerationSample.of_month(await d.months.get(audit["month"]))
    status_after = signed_off_from(audit["_id"], audit["status"], sample=sample)
    fact = AuditSignedOff(audit_id=audit["_id"], month=audit["month"], team_id=audit["team_id"],
                          overall_grade=audit["overall_grade"], signed_off_by=who.subject,
                          signed_off_at=utc_now())
    published = await d.audits.change(
        audit, {"status": status_after.value,
                **fact.model_dump(mode="json", include={"signed_off_by", "signed_off_at"})},
        [fact], correlation_id=current_correlation_id())
    return status_after, published


@router.get("/moderation/agreement")
async def agreement(
    request: Request, month: Annotated[Month | None, Query()] = None,
    _: Principal = Depends(allow(*READERS)),
) -> dict[str, Any]:
    """"Audit the auditor": per auditor, judgements the moderators agreed with."""
    query: dict[str, Any] = {"moderation": {"$exists": True}}
    if month:
        query["month"] = month
    moderated = [AuditModerated.model_validate(a["moderation"])
                 for a in await deps(request).audits.find(query, limit=5000)]
    return {"month": month, "by_auditor": agreement_by_auditor(moderated)}
