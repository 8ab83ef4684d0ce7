"""Pages: the quarterly report to the Joint Leadership Team, with its PDF, and the head of
quality's exports of the quarter for each plan."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow

from ...application import governance
from ...application.deps import Deps
from ...domain.governance import PLANS, QUARTER_PATTERN, ExportPlan
from ..deps import get_deps
from ..roles import EXPORTERS, GOVERNANCE_READERS
from .rendering import templates

router = APIRouter(prefix="/jlt", include_in_schema=False)
QuarterPath = Path(pattern=QUARTER_PATTERN)


@router.get("/{quarter}", response_class=HTMLResponse)
async def page(request: Request, quarter: str = QuarterPath,
               who: Principal = Depends(allow(*GOVERNANCE_READERS)),
               deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _page(request, who, deps, quarter, errors={}, values={})


@router.post("/{quarter}/export", response_class=HTMLResponse)
async def export(request: Request, quarter: str = QuarterPath,
                 who: Principal = Depends(allow(*EXPORTERS)),
                 deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        command = ExportPlan(plan=form.get("plan", ""), quarter=quarter)  # type: ignore[arg-type]
    except ValidationError:
        return await _page(request, who, deps, quarter, values=form,
                           errors={"plan": "choose one of the plans"},
                           status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    await governance.export(deps, command, who)
    return RedirectResponse(f"/jlt/{quarter}?done=export", status.HTTP_303_SEE_OTHER)


async def _page(request: Request, who: Principal, deps: Deps, quarter: str, *,
                errors: dict[str, str], values: dict[str, str],
                status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "jlt.html", {
        "principal": who, "quarter": quarter, "r": await governance.jlt(deps, quarter),
        "exports": await governance.exports_of(deps, quarter), "plans": PLANS,
        "plan_options": [("", "Choose a plan"), *PLANS.items()],
        "can_export": who.has_any(frozenset(EXPORTERS)), "v": values, "errors": errors,
        "done": request.query_params.get("done")}, status_code=status_code)
