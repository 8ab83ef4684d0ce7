"""The erasure pages: the officer names the subject and the reason, is told what will happen
(irreversible; which services) and confirms; then the erasure's page shows which services
have confirmed. A refusal (a legal hold, nobody known by that reference, a wrong field) is
said beside the field it is about, and nothing is changed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow
from shared.http import found_or_404

from ...application import erasures
from ...application.deps import Deps
from ...domain.erasures import Refused, RequestErasure, pending
from ..deps import get_deps
from ..roles import OFFICERS
from .home_links import LINKS, Link
from .rendering import templates

router = APIRouter(include_in_schema=False)
LINKS.append(Link("/erase", "Erase a child's or a member of staff's personal data", OFFICERS))
FIELDS = ("kind", "reference", "reason")
KINDS = [("child", "A child, by case reference"), ("staff", "A member of staff, by id")]
WORDS = {"kind": "Choose a child or a member of staff",
         "reference": "Give the case reference or staff id: letters, digits, spaces and . _ / -",
         "reason": "Say why (the request, or the rule that requires the erasure)"}


def _form(request: Request, who: Principal, *, v: dict[str, str], errors: dict[str, str],
          status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "erase.html", {
        "principal": who, "v": v, "errors": errors, "kinds": KINDS}, status_code=status_code)


async def _checked(request: Request) -> tuple[dict[str, str], RequestErasure | None,
                                              dict[str, str]]:
    form = {k: str(v) for k, v in (await request.form()).items() if k in FIELDS}
    try:
        return form, RequestErasure.model_validate(form), {}
    except ValidationError as error:
        return form, None, {str(e["loc"][0]): WORDS.get(str(e["loc"][0]), e["msg"])
                            for e in error.errors() if e["loc"]}


@router.get("/erase", response_class=HTMLResponse)
async def erase_form(request: Request,
                     who: Principal = Depends(allow(*OFFICERS))) -> HTMLResponse:
    return _form(request, who, v={"kind": "child"}, errors={})


@router.post("/erase", response_class=HTMLResponse)
async def confirm_erasure(request: Request, who: Principal = Depends(allow(*OFFICERS)),
                          deps: Deps = Depends(get_deps)) -> HTMLResponse:
    """The confirmation step: what will happen, once the erasure is known to be allowed."""
    form, command, errors = await _checked(request)
    if command is None:
        return _form(request, who, v=form, errors=errors, status_code=422)
    try:
        services = await erasures.check(deps, command)
    except Refused as refused:
        return _form(request, who, v=form, errors={refused.field: str(refused)},
                     status_code=refused.status)
    return templates.TemplateResponse(request, "erase_confirm.html", {
        "principal": who, "v": form, "services": services})


@router.post("/erase/confirmed", response_class=HTMLResponse)
async def erase(request: Request, who: Principal = Depends(allow(*OFFICERS)),
                deps: Deps = Depends(get_deps)) -> Any:
    form, command, errors = await _checked(request)
    if command is None:
        return _form(request, who, v=form, errors=errors, status_code=422)
    try:  # checked again: a hold may have been set since the confirmation was shown
        done = await erasures.request(deps, command, requested_by=who.subject)
    except Refused as refused:
        return _form(request, who, v=form, errors={refused.field: str(refused)},
                     status_code=refused.status)
    return RedirectResponse(f"/erasures/{done['_id']}/page", status_code=303)


@router.get("/erasures/{erasure_id}/page", response_class=HTMLResponse)
async def erasure_page(erasure_id: str, request: Request,
                       who: Principal = Depends(allow(*OFFICERS)),
                       deps: Deps = Depends(get_deps)) -> HTMLResponse:
    erasure = found_or_404(await deps.erasures.get(erasure_id), "erasure")
    services = erasures.answering(deps)
    return templates.TemplateResponse(request, "erasure.html", {
        "principal": who, "erasure": erasure, "services": services,
        "pending": pending(erasure, services)})
