"""The access log's search for the data protection officer, as JSON or CSV. Only GET: no
route anywhere edits or deletes an entry (tests/unit/data_protection checks)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import Response

from shared.auth import Principal, allow

from ...application.access_log import search_access_log
from ...application.deps import Deps
from ...domain.access_log import AccessSearch, SearchRefused, as_csv
from ..deps import get_deps
from ..roles import OFFICERS

router = APIRouter(prefix="/access-log", tags=["access log"])
PUBLIC = ("read_at", "reader_id", "reader_roles", "subject_kind", "subject_pseudonym",
          "service", "what", "record_id", "purpose")


@router.get("", response_model=None)
async def access_log(
    child: Annotated[str, Query(description="A child's case reference")] = "",
    staff: Annotated[str, Query(description="A member of staff's id, as a data subject")] = "",
    reader: Annotated[str, Query(description="The id of the person who read")] = "",
    fmt: Literal["json", "csv"] = "json",
    _: Principal = Depends(allow(*OFFICERS)), deps: Deps = Depends(get_deps),
) -> list[dict[str, Any]] | Response:
    """Who read a subject's personal data, or what a person read: newest first."""
    try:
        entries = await search_access_log(deps, AccessSearch(child=child, staff=staff,
                                                             reader=reader))
    except SearchRefused as refused:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(refused)) from None
    if fmt == "csv":
        return Response(as_csv(entries), media_type="text/csv", headers={
            "Content-Disposition": 'attachment; filename="access-log.csv"'})
    return [{key: entry.get(key) for key in PUBLIC} for entry in entries]
