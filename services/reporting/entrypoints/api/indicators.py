"""The performance team's import of locality performance indicators (CSV)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, HTTPException, Response, UploadFile

from shared.auth import Principal, allow
from shared.http import current_correlation_id

from ...application import signoffs
from ...application.deps import Deps
from ...domain.indicator_import import COLUMNS, MAX_ROWS
from ..deps import get_deps
from ..roles import IMPORTERS

router = APIRouter(prefix="/reports", tags=["imports"])
MAX_BYTES = 2_000_000


@router.post("/locality-indicators", status_code=201)
async def import_locality_indicators(
    response: Response, file: UploadFile = File(...),
    who: Principal = Depends(allow(*IMPORTERS)), deps: Deps = Depends(get_deps),
) -> dict:
    f"""A CSV with the columns {', '.join(COLUMNS)} (team_id, month, indicator and value
    required; better is "higher" or "lower"; at most {MAX_ROWS} rows). One event
    `performance.indicator_recorded` per row; a file with any bad row is refused whole (422,
    each problem with its line and column) and nothing is published. 201, or 202 when the
    broker is down (the events wait in the outbox)."""
    content = await file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise HTTPException(413, "the file is larger than 2 MB: split it")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HTTPException(422, [{"loc": ["file"], "msg": "not UTF-8 text (save as CSV UTF-8)",
                                   "type": "value_error"}]) from error
    try:
        result = await signoffs.import_indicators(deps, text, by=who.subject,
                                                  correlation_id=current_correlation_id())
    except signoffs.ImportRefused as refused:
        raise HTTPException(422, refused.problems) from refused
    if not result["published"]:
        response.status_code = 202
    return result
