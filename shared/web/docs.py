"""The API's description and its interactive page, for signed-in staff only: every endpoint
but health and metrics needs a token and a role, these two as well (a bearer token, or the
pages' session cookie in a browser)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from ..auth import EVERYONE, Principal, allow


def docs_router(app: FastAPI) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/openapi.json")
    async def openapi(_: Principal = Depends(allow(*EVERYONE))) -> dict[str, Any]:
        return app.openapi()

    @router.get("/docs", response_class=HTMLResponse)
    async def docs(request: Request, _: Principal = Depends(allow(*EVERYONE))) -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title}: API")

    return router
