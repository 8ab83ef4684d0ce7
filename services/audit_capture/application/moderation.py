"""Moderation and sign-off of submitted audits, agreement per auditor, and what the
moderation pages read (the month's sample)."""

from __future__ import annotations

from typing import Any

from schemas.audit import AuditModerated, AuditSignedOff
from shared.auth import Principal
from shared.envelope import derived_id, utc_now
from shared.http import current_correlation_id

from ..domain.lifecycle import ModerationSample, Status, signed_off_from
from ..domain.moderation import Moderation, ModerateAudit, agreement_by_auditor, moderation_of
from ..domain.moderation import refuse_unless_moderating_group
from .deps import Deps
from .programme import duties


async def record_moderation(deps: Deps, audit: dict[str, Any], command: ModerateAudit, *,
                            who: Principal) -> tuple[Moderation, bool]:
    """(the moderation decided, published). Only the month's moderating group moderates
    (NotInModeratingGroup); the audit's stored grades are those its events announce."""
    moderation = moderation_of(audit, command,
                               moderation_id=derived_id("moderation", audit["_id"]),
                               moderator_id=who.subject, now=utc_now())
    month = await duties(deps, audit["month"])
    moderator = await deps.staff.get(who.subject) or {}
    refuse_unless_moderating_group(moderator_id=who.subject,
                                   moderator_group=moderator.get("audit_group"),
                                   moderation_group=month["moderation_group"],
                                   month=audit["month"])
    published = await deps.audits.change(
        audit, moderation.audit_changes, [moderation.moderated, *moderation.grade_changes],
        correlation_id=current_correlation_id())
    return moderation, published


async def record_sign_off(deps: Deps, audit: dict[str, Any], *,
                          who: Principal) -> tuple[Status, bool]:
    """(new status, published); IllegalTransition says why not (the month's sample decides)."""
    sample = await sample_of_month(deps, audit["month"])
    status_after = signed_off_from(audit["_id"], audit["status"], sample=sample)
    fact = AuditSignedOff(audit_id=audit["_id"], month=audit["month"], team_id=audit["team_id"],
                          overall_grade=audit["overall_grade"], signed_off_by=who.subject,
                          signed_off_at=utc_now())
    published = await deps.audits.change(
        audit, {"status": status_after.value,
                **fact.model_dump(mode="json", include={"signed_off_by", "signed_off_at"})},
        [fact], correlation_id=current_correlation_id())
    return status_after, published


async def sample_of_month(deps: Deps, month: str) -> ModerationSample | None:
    """The month's moderation sample as drawn; None while it is not."""
    return ModerationSample.of_month(await deps.months.get(month))


async def agreement(deps: Deps, month: str | None) -> dict[str, dict[str, Any]]:
    """"Audit the auditor": per auditor, judgements the moderators agreed with."""
    moderated = [AuditModerated.model_validate(a["moderation"])
                 for a in await deps.audits.moderated(month)]
    return agreement_by_auditor(moderated)
