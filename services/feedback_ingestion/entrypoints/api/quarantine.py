"""Quarantined items: listed, read, corrected and re-submitted; and the reconciliation counts."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, status

from shared.auth import Principal, allow
from shared.http import current_correlation_id, found_or_404
from shared.personal_data.access_log import Reads, records_reads

from ...application.deps import Deps
from ...application.quarantine import NotOpen, UnknownEntry, quarantined, quarantined_entry
from ...application.quarantine import named_children, resubmit
from ...application.reconciliation import balance
from ...domain.sources import Invalid
from ..deps import get_deps
from ..roles import COUNTERS, FIXERS

router = APIRouter(prefix="/feedback", tags=["quarantine"])


@router.get("/quarantine")
async def list_quarantine(
    status_: str | None = Query("open", alias="status"),
    source: str | None = None, limit: int = Query(100, ge=1, le=1000),
    deps: Deps = Depends(get_deps), who: Principal = Depends(allow(*FIXERS)),
    reads: Reads = Depends(records_reads),
) -> list[dict]:
    found = await quarantined(deps, who, status=status_ or None, source=source, limit=limit)
    await reads.children(who, named_children(found))
    return found


@router.get("/quarantine/{entry_id}")
async def get_quarantined(entry_id: str, deps: Deps = Depends(get_deps),
                          who: Principal = Depends(allow(*FIXERS)),
                          reads: Reads = Depends(records_reads)) -> dict:
    found = found_or_404(await quarantined_entry(deps, who, entry_id),
                         f"no quarantined item {entry_id}")
    await reads.children(who, named_children([found]))
    return found


@router.post("/quarantine/{entry_id}/resubmit")
async def resubmit_quarantined(
    entry_id: str,
    content: dict[str, Any] | None = Body(None, embed=True,
                                          description="The corrected item (or file row); "
                                                      "omit to re-check it as it was"),
    deps: Deps = Depends(get_deps), _: Principal = Depends(allow(*FIXERS)),
) -> dict:
    """422 with the reasons while it still fails (it stays quarantined); 409 if re-submitted."""
    try:
        receipt = await resubmit(deps, entry_id, correction=content,
                                 correlation_id=current_correlation_id())
    except UnknownEntry as unknown:
        found_or_404(None, str(unknown))
    except NotOpen as error:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(error)) from None
    except Invalid as invalid:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            detail={"quarantine_id": entry_id, "reasons": invalid.reasons}) \
            from None
    return receipt.public()


@router.get("/reconciliation")
async def reconciliation(
    day: date | None = None, import_id: str | None = None, deps: Deps = Depends(get_deps),
    _: Principal = Depends(allow(*COUNTERS)),
) -> dict:
    """received = accepted + duplicates + quarantined, for a day (UTC) or one import."""
    return await balance(deps, day=day, import_id=import_id)
