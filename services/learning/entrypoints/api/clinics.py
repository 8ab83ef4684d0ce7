"""HTTP API for the clinic schedule: every team's next clinic, soonest due first."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from shared.auth import Principal, allow

from ...application import clinics
from ...application.deps import Deps
from ..deps import get_deps
from ..roles import READERS

router = APIRouter(prefix="/clinic-schedule", tags=["clinics"])


@router.get("")
async def schedule(_: Principal = Depends(allow(*READERS)),
                   deps: Deps = Depends(get_deps)) -> list[dict]:
    return await clinics.schedule_overview(deps)
