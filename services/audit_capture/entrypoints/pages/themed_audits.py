"""The themed audit page, for auditors and the head of quality: choose one of the themes the
head of quality defined, then answer its questions for one case, with the partner agencies
that took part. A plain form that works without JavaScript; it records through the API's
use case (application/themes.py), and a refusal keeps what was typed."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow
from shared.england_time import england_month

from ...application.deps import Deps
from ...application.themes import AnswersDoNotFit, ThemeRetired, UnknownTheme, find_theme
from ...application.themes import record_themed_audit, themes_in_use
from ...domain.themes import RecordThemedAudit, retired_refusal
from ..deps import get_deps
from ..roles import AUDITORS, PLANNERS
from .rendering import templates
from .themed_audit_forms import ANSWERS, themed_audit_errors, themed_audit_from_form

router = APIRouter(prefix="/themed-audits", include_in_schema=False)
UNPROCESSABLE = status.HTTP_422_UNPROCESSABLE_CONTENT


@router.get("/new", response_class=HTMLResponse)
async def themed_audit_page(request: Request, theme_id: str | None = None,
                            who: Principal = Depends(allow(*AUDITORS)),
                            deps: Deps = Depends(get_deps)) -> HTMLResponse:
    # A fresh form id per form shown: posting it twice records one themed audit.
    values = {"theme_id": theme_id or "", "form_id": str(uuid.uuid4()),
              "month": england_month()}
    theme = await find_theme(deps, theme_id) if theme_id else None
    if theme_id and theme is None:
        return await _page(request, who, deps, None, values=values, status_code=404,
                           errors={"theme_id": f"no theme {theme_id}: choose one below"})
    if theme and (why := retired_refusal(theme)):
        return await _page(request, who, deps, None, values=values, status_code=UNPROCESSABLE,
                           errors={"theme_id": why})
    return await _page(request, who, deps, theme, values=values, errors={})


@router.post("/new", response_class=HTMLResponse)
async def post_themed_audit(request: Request, who: Principal = Depends(allow(*AUDITORS)),
                            deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    theme = await find_theme(deps, form.get("theme_id", "")) or None
    if theme is None:
        return await _page(request, who, deps, None, values=form, status_code=UNPROCESSABLE,
                           errors={"theme_id": "choose one of the themes below"})
    try:
        command = RecordThemedAudit.model_validate(
            themed_audit_from_form(form, theme, auditor_id=who.subject))
        done = await record_themed_audit(deps, command, who=who,
                                         idempotency_key=form.get("form_id") or None)
    except ValidationError as error:
        return await _page(request, who, deps, theme, values=form, status_code=UNPROCESSABLE,
                           errors=themed_audit_errors(error))
    except ThemeRetired as refusal:  # retired since the page was shown
        return await _page(request, who, deps, None, values=form, status_code=UNPROCESSABLE,
                           errors={"theme_id": str(refusal)})
    except (UnknownTheme, AnswersDoNotFit) as refusal:  # the theme changed meanwhile
        return await _page(request, who, deps, theme, values=form, status_code=UNPROCESSABLE,
                           errors={"": f"{refusal}; the page now shows the theme's questions"})
    query = urlencode({"theme_id": theme["_id"], "recorded": done.record_id})
    return RedirectResponse(f"/themed-audits/new?{query}", status_code=status.HTTP_303_SEE_OTHER)


async def _page(request: Request, who: Principal, deps: Deps, theme: dict[str, Any] | None, *,
                values: dict[str, str], errors: dict[str, str],
                status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "themed_audit.html", {
        "principal": who, "v": values, "errors": errors, "theme": theme,
        "themes": await themes_in_use(deps), "answers": ANSWERS,
        "can_define": who.has_any(frozenset(PLANNERS)),
        "recorded": request.query_params.get("recorded")}, status_code=status_code)
