"""HTTP plumbing every service shares: health, readiness, metrics, correlation, errors."""

from __future__ import annotations

import time
import uuid
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pymongo.errors import PyMongoError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .envelope import EventTooLarge
from .kafka import BrokerUnavailable
from .logs import correlation_id_var
from .metrics import PlatformMetrics
from .store import VersionConflict, unavailable
from .web.login import login_path, login_redirect
from .web.pages import page_templates, wants_html

CORRELATION_HEADER = "X-Correlation-ID"
PENDING_RESPONSE: dict[int | str, dict[str, Any]] = {
    202: {"description": "Recorded, but the broker was unavailable: its events are kept and "
                         "published as soon as the broker returns (`published` is false)."},
    503: {"description": "The store is unavailable: nothing was recorded; retry later."},
}


def health_router(runtime: Any) -> APIRouter:
    """/healthz, /readyz and /metrics: the only endpoints without a token."""
    router = APIRouter(tags=["health"])

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "alive", "service": runtime.settings.service_name}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        checks = {
            "kafka": "up" if await runtime.broker.ping(timeout=2) else "down",
            "store": "up" if await runtime.store.ping() else "down",
        }
        ready = all(v == "up" for v in checks.values())
        return JSONResponse(checks | {"ready": ready},
                            status_code=200 if ready else status.HTTP_503_SERVICE_UNAVAILABLE)

    @router.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(runtime.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return router


class CorrelationMiddleware:
    """Takes the caller's X-Correlation-ID (or makes one), sets it for the request's logs and
    events, and echoes it on the response. Plain ASGI: Starlette's `@app.middleware("http")`
    wraps every response in a stream and a task group, a sixth of a request's CPU here."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(CORRELATION_HEADER.lower().encode(), b"")
        correlation_id = given.decode("latin-1") or str(uuid.uuid4())
        echoed = (CORRELATION_HEADER.lower().encode(), correlation_id.encode("latin-1"))

        async def send_with_id(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), echoed]
            await send(message)

        token = correlation_id_var.set(correlation_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            correlation_id_var.reset(token)


class HttpMetricsMiddleware:
    """Counts each answer by method, route template (never the path: ids stay out of labels)
    and status, and times it. Plain ASGI, like CorrelationMiddleware."""

    def __init__(self, app: Any, metrics: PlatformMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_code = 500  # the app raised before answering

        async def send_with_status(message: dict) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope["method"]
            self.metrics.http_requests.labels(method, route, str(status_code)).inc()
            self.metrics.http_seconds.labels(method, route).observe(
                time.perf_counter() - started)


_pages = page_templates()


def forbidden_page(request: Request, error: StarletteHTTPException) -> HTMLResponse:
    """The 403 a person sees: in the platform's layout, saying which roles may open the page
    (a route's roles) or why not (a refusal about this record), with a way home."""
    roles = sorted(getattr(error, "roles", ()) or ())
    who = getattr(request.state, "principal", None)
    return _pages.TemplateResponse(request, "forbidden.html", {
        "principal": who, "roles": [r.replace("_", " ") for r in roles],
        "reason": None if roles else str(error.detail), "sign_in": login_path(request)},
        status_code=status.HTTP_403_FORBIDDEN)


def install_middleware(app: FastAPI, metrics: PlatformMetrics | None = None) -> None:
    app.add_middleware(CorrelationMiddleware)
    if metrics is not None:
        app.add_middleware(HttpMetricsMiddleware, metrics=metrics)

    @app.exception_handler(StarletteHTTPException)
    async def people_get_pages(request: Request, error: StarletteHTTPException) -> Response:
        """A browser is sent to sign in, or told plainly it may not see a page and which
        roles may; API clients get the usual JSON (a 403's detail names the roles)."""
        if wants_html(request):
            if error.status_code == status.HTTP_401_UNAUTHORIZED and request.method == "GET":
                return login_redirect(request)
            if error.status_code == status.HTTP_403_FORBIDDEN:
                return forbidden_page(request, error)
        return await http_exception_handler(request, error)

    @app.exception_handler(PyMongoError)
    async def store_down(_: Request, error: PyMongoError) -> JSONResponse:
        if not unavailable(error):
            raise error  # a fault of ours, not the store's: logged as such
        return JSONResponse({"detail": "the store is unavailable; nothing was recorded, retry"},
                            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
                            headers={"Retry-After": "5"})

    @app.exception_handler(BrokerUnavailable)
    async def broker_down(_: Request, __: BrokerUnavailable) -> JSONResponse:
        return JSONResponse({"detail": "the broker is unavailable; nothing was recorded, retry"},
                            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
                            headers={"Retry-After": "5"})

    @app.exception_handler(EventTooLarge)
    async def too_large(request: Request, error: EventTooLarge) -> Response:
        if wants_html(request):
            return _pages.TemplateResponse(request, "too_large.html", {
                "principal": getattr(request.state, "principal", None), "reason": str(error)},
                status_code=status.HTTP_413_CONTENT_TOO_LARGE)
        return JSONResponse({"detail": str(error)},
                            status_code=status.HTTP_413_CONTENT_TOO_LARGE)

    @app.exception_handler(VersionConflict)
    async def conflict(_: Request, error: VersionConflict) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_409_CONFLICT)


def current_correlation_id() -> str:
    return correlation_id_var.get() or str(uuid.uuid4())


def found_or_404(value: Any, detail: str) -> Any:
    """The one way an endpoint says an id is unknown: 404 with what was not found."""
    if value is None:
        raise StarletteHTTPException(status.HTTP_404_NOT_FOUND, detail=detail)
    return value
