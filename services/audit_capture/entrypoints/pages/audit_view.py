"""The read-only page of one audit, for anyone who may read audits, and for the case's social
worker once the results are shared with them (submitted, moderated or signed off): what the auditors found,
the moderation (agreement, rationale and grade changes per standard) and the sign-off. A head
of quality or PSW also gets the moderation list's own "Sign off" form while the lifecycle
allows it, or the reason it does not (the same rule as the API: domain/lifecycle.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse

from schemas.audit import AUDIT_COMPETENCIES, JUDGEMENTS
from schemas.standards import GRADE_LABELS, STANDARDS_FOR_PRACTICE
from shared.auth import Principal, allow
from shared.personal_data.access_log import Reads, records_reads

from ...application.audits import NotSharedWith, UnknownAudit, open_shared_audit
from ...application.audits import with_lateness
from ...application.deps import Deps
from ...application.moderation import sample_of_month
from ...domain.lifecycle import sign_off_refusal
from ..deps import get_deps
from ..roles import MODERATORS, READERS, SIGNERS, WORKERS
from .rendering import templates

router = APIRouter(include_in_schema=False)
VIEW_LABELS = {"obtained": "Obtained", "not_appropriate": "Not appropriate",
               "not_possible": "Not possible"}


@router.get("/audits/{audit_id}/view", response_class=HTMLResponse)
async def audit_page(audit_id: str, request: Request,
                     who: Principal = Depends(allow(*READERS, *WORKERS)),
                     deps: Deps = Depends(get_deps),
                     reads: Reads = Depends(records_reads)) -> HTMLResponse:
    try:
        audit = await open_shared_audit(deps, audit_id, who=who,
                                        reader=who.has_any(frozenset(READERS)))
    except NotSharedWith as refused:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(refused)) from None
    except UnknownAudit:
        return templates.TemplateResponse(request, "audit_missing.html", {
            "principal": who, "audit_id": audit_id}, status_code=status.HTTP_404_NOT_FOUND)
    await reads.child(who, audit.get("case_ref"), record_id=audit_id)
    sample = await sample_of_month(deps, audit["month"])
    signer = who.has_any(frozenset(SIGNERS))
    refusal = sign_off_refusal(audit_id, audit["status"], sample=sample) if signer else None
    return templates.TemplateResponse(request, "audit_view.html", {
        "principal": who, "audit": with_lateness(audit), "changes": grade_changes(audit),
        "in_sample": bool(sample and audit_id in sample.picked),
        "can_sign_off": signer and audit["status"] in ("submitted", "moderated")
        and refusal is None,
        "sign_off_refusal": refusal if audit["status"] in ("submitted", "moderated") else None,
        "can_moderate": who.has_any(frozenset(MODERATORS)),
        # the auditor's learning needs: for the auditor and the moderators, not the worker
        "sees_learning_needs": who.has_any(frozenset(MODERATORS))
        or who.subject in audit["auditor_ids"],
        "competencies": AUDIT_COMPETENCIES, "judgements": JUDGEMENTS,
        "standards": STANDARDS_FOR_PRACTICE, "grades": GRADE_LABELS, "views": VIEW_LABELS,
        **reads.page_context()})


def grade_changes(audit: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """What moderation changed, by standard number ("overall" for the overall grade). An
    audit moderated before the changes were kept on it has only each standard's new grade."""
    if "grade_changes" in audit:
        return {c.get("standard") or "overall": c for c in audit["grade_changes"]}
    moderation = audit.get("moderation") or {}
    return {s["standard"]: {"grade": s["grade"]} for s in moderation.get("standards", [])
            if s.get("grade")}
