"""The access log's page: the officer searches by child, member of staff or reader, reads
the entries and downloads them as CSV (the API's export, same search)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from shared.auth import Principal, allow

from ...application.access_log import search_access_log
from ...application.deps import Deps
from ...domain.access_log import AccessSearch, SearchRefused, purpose_label
from ..deps import get_deps
from ..roles import OFFICERS
from .home_links import LINKS, Link
from .rendering import templates

router = APIRouter(include_in_schema=False)
LINKS.append(Link("/access-log/search", "Access log: who read whose personal data", OFFICERS))


@router.get("/access-log/search", response_class=HTMLResponse)
async def access_log_page(request: Request, child: str = "", staff: str = "",
                          reader: str = "", who: Principal = Depends(allow(*OFFICERS)),
                          deps: Deps = Depends(get_deps)) -> HTMLResponse:
    search = AccessSearch(child=child, staff=staff, reader=reader)
    asked = any(value.strip() for value in (child, staff, reader))
    entries, errors = [], {}
    if asked:
        try:
            entries = await search_access_log(deps, search)
        except SearchRefused as refused:
            errors["child"] = str(refused)
    return templates.TemplateResponse(request, "access_log.html", {
        "principal": who, "v": {"child": child, "staff": staff, "reader": reader},
        "errors": errors, "asked": asked and not errors, "entries": entries,
        "purpose_label": purpose_label,
        "csv_href": "/access-log?" + urlencode({"child": child, "staff": staff,
                                                "reader": reader, "fmt": "csv"})},
        status_code=422 if errors else 200)
