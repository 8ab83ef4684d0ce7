"""Legal holds' page: those in force and lifted, a form to set one, a button to lift each."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from schemas.retention import RecordKind
from shared.auth import Principal, allow
from shared.http import current_correlation_id

from ...application import holds
from ...application.deps import Deps
from ...domain.holds import SUBJECT_KINDS, HoldRefused
from ..deps import get_deps
from ..roles import OFFICERS
from .home_links import LINKS, Link
from .rendering import templates

router = APIRouter(include_in_schema=False)
LINKS.append(Link("/holds", "Legal holds: records kept from retention and erasure", OFFICERS))
FIELDS = ("subject_kind", "subject_ref", "team_id", "from_date", "to_date", "record_kind",
          "reason")


async def _page(request: Request, who: Principal, deps: Deps, *, v: dict[str, str],
                errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "holds.html", {
        "principal": who, "holds": await holds.all_holds(deps), "v": v, "errors": errors,
        "subject_kinds": [("", "Nobody in particular"), *SUBJECT_KINDS.items()],
        "record_kinds": [("", "Every kind"), *((k.value, k.value.capitalize())
                                                for k in RecordKind)]},
        status_code=status_code)


@router.get("/holds", response_class=HTMLResponse)
async def holds_page(request: Request, who: Principal = Depends(allow(*OFFICERS)),
                     deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _page(request, who, deps, v={}, errors={})


@router.post("/holds", response_class=HTMLResponse)
async def set_hold_from_page(request: Request, who: Principal = Depends(allow(*OFFICERS)),
                             deps: Deps = Depends(get_deps)) -> HTMLResponse:
    form = {k: str(v) for k, v in (await request.form()).items() if k in FIELDS}
    try:
        await holds.set_hold(deps, form, by=who.subject, correlation_id=current_correlation_id())
    except HoldRefused as refused:
        return await _page(request, who, deps, v=form, errors=refused.errors, status_code=422)
    return RedirectResponse("/holds", status_code=303)


@router.post("/holds/{hold_id}/lift", response_class=HTMLResponse)
async def lift_hold_from_page(hold_id: str, request: Request,
                              who: Principal = Depends(allow(*OFFICERS)),
                              deps: Deps = Depends(get_deps)) -> HTMLResponse:
    try:
        await holds.lift_hold(deps, hold_id, by=who.subject,
                              correlation_id=current_correlation_id())
    except HoldRefused as refused:
        return await _page(request, who, deps, v={}, errors=refused.errors,
                           status_code=refused.status)
    return RedirectResponse("/holds", status_code=303)
