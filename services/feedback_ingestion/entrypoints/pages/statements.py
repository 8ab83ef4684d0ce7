"""The page a Safety Link alert and its urgent action link to: the child's statement, for
the child's team's managers and head of service (and the council-wide readers of free text);
anyone else gets the 403 page saying who may read it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from shared.auth import Principal, allow
from shared.personal_data.access_log import Reads, records_reads

from ...application.deps import Deps
from ...application.statements import NoStatement, NotYourStatement, safety_link_statement
from ..deps import get_deps
from ..roles import STATEMENT_READERS
from .rendering import templates

router = APIRouter(include_in_schema=False)


@router.get("/statements/{item_id}", response_class=HTMLResponse)
async def statement_page(item_id: str, request: Request, deps: Deps = Depends(get_deps),
                         who: Principal = Depends(allow(*STATEMENT_READERS)),
                         reads: Reads = Depends(records_reads)) -> HTMLResponse:
    try:
        statement = await safety_link_statement(deps, who, item_id)
    except NoStatement as missing:
        raise HTTPException(404, detail=str(missing)) from missing
    except NotYourStatement as refused:
        request.state.principal = who  # the 403 page says who is signed in
        raise HTTPException(403, detail=str(refused)) from refused
    await reads.child(who, statement["about_case_ref"], record_id=item_id)
    return templates.TemplateResponse(request, "statement.html", {
        "principal": who, "s": statement})
