"""The retention page: the schedule, a button for a dry run now, and every run (dry or real)
with its counts per service and kind and what legal holds kept."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.auth import Principal, allow
from shared.http import current_correlation_id

from ...application import retention
from ...application.deps import Deps
from ...domain.retention_runs import kept_by_holds, pending, totals
from ..deps import get_deps
from ..roles import OFFICERS
from .home_links import LINKS, Link
from .rendering import templates

router = APIRouter(include_in_schema=False)
LINKS.append(Link("/retention", "Retention: the schedule, a dry run, and every run's counts",
                  OFFICERS))


@router.get("/retention", response_class=HTMLResponse)
async def retention_page(request: Request, who: Principal = Depends(allow(*OFFICERS)),
                         deps: Deps = Depends(get_deps)) -> HTMLResponse:
    runs = [{**run, "totals": totals(run), "kept": kept_by_holds(run), "pending": pending(run)}
            for run in await deps.retention_runs.newest(limit=20)]
    return templates.TemplateResponse(request, "retention.html", {
        "principal": who, "rules": retention.rules(deps), "runs": runs})


@router.post("/retention/dry-run", response_class=HTMLResponse)
async def dry_run_now(who: Principal = Depends(allow(*OFFICERS)),
                      deps: Deps = Depends(get_deps)) -> RedirectResponse:
    run = await retention.start_run(deps, dry_run=True, requested_by=who.subject,
                                    correlation_id=current_correlation_id())
    return RedirectResponse(f"/retention#run-{run['_id']}", status_code=303)
