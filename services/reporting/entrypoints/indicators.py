"""The performance team's import of locality performance indicators (CSV)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, HTTPException, Request, Response, UploadFile

from shared.auth import Principal, Role, allow
from shared.http import current_correlation_id

from ..domain.indicator_import import COLUMNS, MAX_ROWS, parse_indicators
from .filters import known_values

router = APIRouter(prefix="/reports", tags=["imports"])
IMPORTERS = (Role.PERFORMANCE_TEAM,)
MAX_BYTES = 2_000_000


@router.post("/locality-indicators", status_code=201)
async def import_locality_indicators(
    request: Request, response: Response, file: UploadFile = File(...),
    who: Principal = Depends(allow(*IMPORTERS)),
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
    rows, problems = parse_indicators(text, await known_values(request, "team", fresh=True))
    if problems:
        raise HTTPException(422, problems)
    result = await request.app.state.deps.indicators.record(
        rows, by=who.subject, correlation_id=current_correlation_id())
    if not result["published"]:
        response.status_code = 202
    return result
