"""Pages: an auditor's allocations and audit form (drafts kept), the moderation form, for
people in a browser (the moderation list and sign-off are in moderation.py). Plain forms:
they work without JavaScript and by keyboard, every field labelled."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from schemas.audit import AUDIT_COMPETENCIES, JUDGEMENTS
from schemas.standards import GRADE_LABELS, STANDARDS_FOR_PRACTICE
from shared.auth import Principal, allow
from shared.england_time import england_month

from ...application.audits import allocated_to, audits_shared_with, record_draft
from ...application.audits import with_lateness
from ...application.deps import Deps
from ...application.moderation import record_moderation
from ...application.observations import observations_of_worker
from ...application.submissions import record_submission
from ...domain.audits import AuditFindings
from ...domain.lifecycle import IllegalTransition
from ...domain.moderation import ModerateAudit, ModerationRefused, NotInModeratingGroup
from ..api.answers import load
from ..deps import get_deps
from ..roles import AUDITORS, CHAIRS, EVERYONE, MEETING_OBSERVERS, MODERATORS, PLANNERS
from ..roles import PRACTICE_OBSERVERS, WORKERS
from .action_rows import action_rows
from .audit_forms import audit_form_errors, field_errors, findings_from_form
from .audit_forms import moderation_from_form
from .audit_forms import values_from_draft
from .rendering import templates

router = APIRouter(include_in_schema=False)
LOOKS = {"standards": STANDARDS_FOR_PRACTICE, "grades": GRADE_LABELS}


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: Principal = Depends(allow(*EVERYONE)),
               deps: Deps = Depends(get_deps)) -> HTMLResponse:
    """What this person may open, and only that: their allocations (auditors), the audits of
    their cases and their observations (social workers), and links by role."""
    auditor = who.has_any(frozenset(AUDITORS))
    worker = who.has_any(frozenset(WORKERS))
    urls = request.app.state.runtime.settings.service_urls
    return templates.TemplateResponse(request, "home.html", {
        "principal": who, "month": england_month(),
        "is_auditor": auditor, "is_worker": worker,
        "allocations": await allocated_to(deps, who.subject) if auditor else [],
        "shared_audits": await audits_shared_with(deps, who.subject) if worker else [],
        "my_observations": await observations_of_worker(deps, who.subject) if worker else [],
        "actions_url": f"{urls.get('action_tracking', '')}/",
        "can_moderate": who.has_any(frozenset(MODERATORS)),
        "can_plan": who.has_any(frozenset(PLANNERS)),
        "can_observe_practice": who.has_any(frozenset(PRACTICE_OBSERVERS)),
        "can_observe_meetings": who.has_any(frozenset(MEETING_OBSERVERS)),
        "can_chair": who.has_any(frozenset(CHAIRS)),
        "can_audit_themes": who.has_any(frozenset(AUDITORS))})


@router.get("/audits/{audit_id}/form", response_class=HTMLResponse)
async def audit_form(audit_id: str, request: Request,
                     who: Principal = Depends(allow(*AUDITORS)),
                     deps: Deps = Depends(get_deps)) -> HTMLResponse:
    audit = await load(deps, audit_id, auditor=who)
    return _form(request, who, audit, values=values_from_draft(audit.get("draft") or {}),
                 errors={})


@router.post("/audits/{audit_id}/form", response_class=HTMLResponse)
async def post_audit_form(audit_id: str, request: Request,
                          who: Principal = Depends(allow(*AUDITORS)),
                          deps: Deps = Depends(get_deps)):
    audit = await load(deps, audit_id, auditor=who)
    form = {k: str(v) for k, v in (await request.form()).items()}
    action = form.pop("action", "draft")
    if action == "draft":
        await record_draft(deps, audit, form, who=who)
        return RedirectResponse(f"/audits/{audit_id}/form?saved=1",
                                status_code=status.HTTP_303_SEE_OTHER)
    try:
        findings = AuditFindings.model_validate(findings_from_form(form))
    except ValidationError as error:
        return _form(request, who, audit, values=form, errors=audit_form_errors(error, form),
                     status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    await record_submission(deps, audit, findings, who=who)
    return RedirectResponse("/?submitted=" + audit_id, status_code=status.HTTP_303_SEE_OTHER)


@router.get("/audits/{audit_id}/moderate", response_class=HTMLResponse)
async def moderation_form(audit_id: str, request: Request,
                          who: Principal = Depends(allow(*MODERATORS)),
                          deps: Deps = Depends(get_deps)) -> HTMLResponse:
    audit = await load(deps, audit_id)
    return _moderation(request, who, audit, values={}, errors={})


@router.post("/audits/{audit_id}/moderate", response_class=HTMLResponse)
async def post_moderation(audit_id: str, request: Request,
                          who: Principal = Depends(allow(*MODERATORS)),
                          deps: Deps = Depends(get_deps)):
    audit = await load(deps, audit_id)
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        command = ModerateAudit.model_validate(moderation_from_form(form))
    except ValidationError as error:
        return _moderation(request, who, audit, values=form, errors=field_errors(error),
                           status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    try:
        await record_moderation(deps, audit, command, who=who)
    except NotInModeratingGroup as refused:
        return _moderation(request, who, audit, values=form, errors={"": str(refused)},
                           status_code=status.HTTP_403_FORBIDDEN)
    except (ModerationRefused, IllegalTransition) as refused:
        return _moderation(request, who, audit, values=form, errors={"": str(refused)},
                           status_code=status.HTTP_409_CONFLICT)
    return RedirectResponse(f"/moderation?month={audit['month']}&moderated={audit_id}",
                            status_code=status.HTTP_303_SEE_OTHER)


def _form(request: Request, who: Principal, audit: dict[str, Any], *, values: dict[str, str],
          errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    """The audit form; the social worker prefilled from the allocation until one is typed."""
    worker = audit.get("social_worker_id")
    if worker and "social_worker_id" not in values:
        values = values | {"social_worker_id": worker}
    return templates.TemplateResponse(request, "audit_form.html", {
        "principal": who, "audit": with_lateness(audit), "v": values, "errors": errors,
        "allocated_worker": worker,
        "action_row_numbers": action_rows(values),
        "saved": request.query_params.get("saved") == "1", **LOOKS}, status_code=status_code)


def _moderation(request: Request, who: Principal, audit: dict[str, Any], *,
                values: dict[str, str], errors: dict[str, str],
                status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "moderation_form.html", {
        "principal": who, "audit": audit, "v": values, "errors": errors, **LOOKS,
        "competencies": AUDIT_COMPETENCIES, "judgements": JUDGEMENTS},
        status_code=status_code)
