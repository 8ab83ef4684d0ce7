"""The retention job as JSON, for the data protection officer: run it now (a dry run unless
asked otherwise), read the runs, read the schedule. A service that is down or refuses is in
the run's answer with its reason: the run is still 201, never a 500."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, status
from pydantic import BaseModel, Field

from shared.auth import Principal, allow
from shared.http import current_correlation_id, found_or_404

from ...application import retention
from ...application.deps import Deps
from ..deps import get_deps
from ..roles import OFFICERS

router = APIRouter(prefix="/retention", tags=["retention"])


class RunRequest(BaseModel):
    dry_run: bool = Field(default=True, description="True: list what would be deleted or "
                          "blanked and change nothing")


@router.post("/runs", status_code=status.HTTP_201_CREATED)
async def run_now(body: RunRequest, who: Principal = Depends(allow(*OFFICERS)),
                  deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    return await retention.start_run(deps, dry_run=body.dry_run, requested_by=who.subject,
                                     correlation_id=current_correlation_id())


@router.get("/runs")
async def runs(_: Principal = Depends(allow(*OFFICERS)),
               deps: Deps = Depends(get_deps)) -> list[dict[str, Any]]:
    """The latest runs, newest first, dry and real."""
    return await deps.retention_runs.newest()


@router.get("/runs/{run_id}")
async def run(run_id: str, _: Principal = Depends(allow(*OFFICERS)),
              deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    return found_or_404(await deps.retention_runs.get(run_id), "retention run")


@router.get("/schedule")
async def schedule(_: Principal = Depends(allow(*OFFICERS)),
                   deps: Deps = Depends(get_deps)) -> list[dict[str, Any]]:
    """The rules every service applies (deploy/config/retention.toml or QA_RETENTION_SCHEDULE)."""
    return retention.rules(deps)
