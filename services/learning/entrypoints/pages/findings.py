"""Pages: the monthly findings: the head of quality writes a month's summary; a member of
each audit group agrees or comments. Plain forms through the API's use cases."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, allow

from ...application import findings, themed_results
from ...application.deps import Deps
from ...domain.findings import GROUPS, SignSummary, WriteSummary
from ...domain.refusals import Locked, NotAllowed, Refused
from ..deps import get_deps
from ..roles import FINDINGS_AUTHORS, FINDINGS_SIGNERS, READERS
from . import forms
from .rendering import templates

router = APIRouter(prefix="/monthly-findings", include_in_schema=False)
MonthPath = Path(pattern=MONTH_PATTERN.pattern)


@router.get("/{month}", response_class=HTMLResponse)
async def page(request: Request, month: str = MonthPath,
               who: Principal = Depends(allow(*READERS)),
               deps: Deps = Depends(get_deps)) -> HTMLResponse:
    summary = await findings.get(deps, month)
    values = {"headline_themes": "\n".join((summary or {}).get("headline_themes", [])),
              "recommendations": "\n".join((summary or {}).get("recommendations", []))}
    return await _page(request, who, month, summary, values=values, errors={})


@router.post("/{month}/{step}", response_class=HTMLResponse)
async def post(request: Request, step: str, month: str = MonthPath,
               who: Principal = Depends(allow(*FINDINGS_SIGNERS)),
               deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    summary = await findings.get(deps, month)
    try:
        if step == "summary" and who.has_any(frozenset(FINDINGS_AUTHORS)):
            await findings.write_summary(deps, month, WriteSummary.model_validate({
                "headline_themes": forms.lines(form, "headline_themes"),
                "recommendations": forms.lines(form, "recommendations")}), who)
        elif step == "sign-off" and summary is not None:
            await findings.sign(deps, summary, SignSummary.model_validate({
                "verdict": form.get("verdict", ""), "comment": form.get("comment", "")}), who)
        else:
            return HTMLResponse("Not here", status_code=status.HTTP_404_NOT_FOUND)
    except ValidationError as error:
        return await _page(request, who, month, summary, values=form,
                           errors=forms.errors_of(error), status_code=422)
    except Refused as refusal:
        return await _page(request, who, month, summary, values=form,
                           errors={refusal.field: str(refusal)}, status_code=422)
    except (Locked, NotAllowed) as refused:
        code = 409 if isinstance(refused, Locked) else 403
        return await _page(request, who, month, summary, values=form,
                           errors={"": str(refused)}, status_code=code)
    return RedirectResponse(f"/monthly-findings/{month}?done={step}",
                            status.HTTP_303_SEE_OTHER)


async def _page(request: Request, who: Principal, month: str, summary: dict[str, Any] | None,
                *, values: dict[str, str], errors: dict[str, str],
                status_code: int = 200) -> HTMLResponse:
    themed = await themed_results.of_month(get_deps(request), month)
    return templates.TemplateResponse(request, "findings.html", {
        "principal": who, "month": month, "s": summary, "groups": GROUPS, "themed": themed,
        "v": values, "errors": errors, "done": request.query_params.get("done"),
        "is_author": who.has_any(frozenset(FINDINGS_AUTHORS)),
        "can_sign": who.has_any(frozenset(FINDINGS_SIGNERS))}, status_code=status_code)
