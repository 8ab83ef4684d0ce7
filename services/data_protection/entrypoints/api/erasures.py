"""Erasures for the data protection officer, as JSON: request one (201; 404 for a subject
nothing is held about, 409 under a legal hold, each with its reason), read one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, status

from shared.auth import Principal, allow
from shared.http import found_or_404

from ...application import erasures
from ...application.deps import Deps
from ...domain.erasures import Refused, RequestErasure
from ..deps import get_deps
from ..roles import OFFICERS

router = APIRouter(prefix="/erasures", tags=["erasures"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def request_erasure(body: RequestErasure, who: Principal = Depends(allow(*OFFICERS)),
                          deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """Destroy the subject's keys, publish the erasure and have every service blank them."""
    try:
        done = await erasures.request(deps, body, requested_by=who.subject)
    except Refused as refusal:
        raise HTTPException(refusal.status, detail=str(refusal)) from refusal
    return shown(done, erasures.answering(deps))


@router.get("/{erasure_id}")
async def erasure(erasure_id: str, _: Principal = Depends(allow(*OFFICERS)),
                  deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    return shown(found_or_404(await deps.erasures.get(erasure_id), "erasure"),
                 erasures.answering(deps))


def shown(erasure: dict[str, Any], services: list[str]) -> dict[str, Any]:
    return {**{k: v for k, v in erasure.items() if k != "key_ids"},
            "keys_destroyed": len(erasure.get("key_ids", [])),
            "pending": [s for s in services if s not in erasure.get("confirmed", {})]}
