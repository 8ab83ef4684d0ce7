"""The home page: the data protection officer's work, or, for anyone else, who does it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from shared.auth import Principal, allow

from ..roles import HOME_READERS
from .home_links import offered
from .rendering import templates

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: Principal = Depends(allow(*HOME_READERS))) -> HTMLResponse:
    return templates.TemplateResponse(request, "home.html", {
        "principal": who, "links": offered(who)})
