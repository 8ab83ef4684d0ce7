"""Quarantined items: listed, read, corrected and re-submitted; and the reconciliation counts."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, status

from shared.auth import Principal, Role, allow
from shared.envelope import utc_now
from shared.http import current_correlation_id, found_or_404

from ...domain.sources import Invalid
from ...application.quarantine import NotOpen, resubmit
from ...application.privacy import quarantine_view

router = APIRouter(prefix="/feedback", tags=["quarantine"])
FIXERS = (Role.HEAD_OF_QUALITY, Role.PRACTICE_LEARNING_TEAM, Role.INTEGRATION, Role.ADMIN)
COUNTERS = (*FIXERS, Role.PERFORMANCE_TEAM, Role.PRINCIPAL_SOCIAL_WORKER)


@router.get("/quarantine")
async def list_quarantine(
    request: Request, status_: str | None = Query("open", alias="status"),
    source: str | None = None, limit: int = Query(100, ge=1, le=1000),
    who: Principal = Depends(allow(*FIXERS)),
) -> list[dict]:
    found = await request.app.state.deps.quarantine.list(status=status_ or None, source=source,
                                                         limit=limit)
    return [quarantine_view(request, who, e) for e in found]


@router.get("/quarantine/{entry_id}")
async def get_quarantined(entry_id: str, request: Request,
                          who: Principal = Depends(allow(*FIXERS))) -> dict:
    entry = found_or_404(await request.app.state.deps.quarantine.get(entry_id), f"no quarantined item {entry_id}")
    return quarantine_view(request, who, entry)


async def resubmit_entry(request: Request, entry_id: str, correction: Any | None) -> dict:
    deps = request.app.state.deps
    entry = found_or_404(await deps.quarantine.get(entry_id), f"no quarantined item {entry_id}")
    try:
        receipt = await resubmit(deps.intake, entry, correction=correction,
                                 mappings=deps.settings.ingestion["mappings"],
                                 correlation_id=current_correlation_id())
    except NotOpen as error:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(error)) from None
    except Invalid as invalid:
        await deps.quarantine.still_failing(entry_id, content=entry["content"]
                                            if correction is None else correction,
                                            reasons=invalid.reasons)
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            detail={"quarantine_id": entry_id, "reasons": invalid.reasons}) \
            from None
    return receipt.public()


@router.post("/quarantine/{entry_id}/resubmit")
async def resubmit_quarantined(
    entry_id: str, request: Request,
    content: dict[str, Any] | None = Body(None, embed=True,
                                          description="The corrected item (or file row); "
                                                      "omit to re-check it as it was"),
    _: Principal = Depends(allow(*FIXERS)),
) -> dict:
    """422 with the reasons while it still fails (it stays quarantined); 409 if re-submitted."""
    return await resubmit_entry(request, entry_id, content)


@router.get("/reconciliation")
async def reconciliation(
    request: Request, day: date | None = None, import_id: str | None = None,
    _: Principal = Depends(allow(*COUNTERS)),
) -> dict:
    """received = accepted + duplicates + quarantined, for a day (UTC) or one import."""
    counts = request.app.state.deps.counts
    if import_id:
        found = await counts.get("import", import_id)
    else:
        found = await counts.get("day", (day or utc_now().date()).isoformat())
    balanced = found["received"] == found["accepted"] + found["duplicates"] + found["quarantined"]
    return found | {"balanced": balanced}
