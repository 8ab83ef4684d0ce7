"""Builds audit capture from its settings: the one place dependencies are wired."""

from __future__ import annotations

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse, Response

from shared.personal_data.erasure_api import erasure_router
from shared.personal_data.retention_api import retention_router
from shared.runtime import Runtime, create_app
from shared.web.pages import wants_html

from shared.web.names import show_names
from .adapters.personal_holdings import HOLDINGS
from .adapters.retained_collections import RETAINED
from .adapters.audits import AuditRepository
from .adapters.collections import INDEXES
from .adapters.observations import Observations
from .adapters.programme import ProgrammeMonths
from .adapters.staff import Staff
from .adapters.teams import Teams
from .adapters.themes import ThemedAudits, Themes
from .application.names import directory_names
from .application.deps import Deps
from .application.programme import MonthNotPlanned
from .domain.lifecycle import IllegalTransition
from .domain.moderation import ModerationRefused, NotInModeratingGroup
from .entrypoints.api import audits, directory, moderation, observations, programme
from .entrypoints.api import submissions, themes
from .entrypoints.pages import audit_view, planning, themed_audits
from .entrypoints.pages import themes as theme_pages
from .entrypoints.pages import audits as audit_pages
from .entrypoints.pages import moderation as moderation_pages
from .entrypoints.pages.rendering import templates
from .entrypoints.pages import observations as observation_pages
from .entrypoints.subscriptions import subscriptions
from .settings import AuditCaptureSettings

__all__ = ["INDEXES", "build_app", "build_deps"]

# Submissions before audits: both serve /audits, and the first of its routes still answers
# an unsupported method with `405, Allow: POST`.
ROUTERS = [submissions.router, audits.router, moderation.router, programme.router,
           directory.router, observations.router, themes.router, audit_pages.router,
           planning.router, observation_pages.router, moderation_pages.router,
           audit_view.router, themed_audits.router, theme_pages.router]
# Erasure and subject access: what this service holds about a data subject.
ROUTERS.append(erasure_router(HOLDINGS))
ROUTERS.append(retention_router(RETAINED))


def build_deps(settings: AuditCaptureSettings, runtime: Runtime) -> Deps:
    store, outbox = runtime.store, runtime.outbox
    return Deps(
        audits=AuditRepository(store, outbox), staff=Staff(store, outbox),
        teams=Teams(store, outbox), months=ProgrammeMonths(store, outbox),
        observations=Observations(store, outbox), themes=Themes(store, outbox),
        themed_audits=ThemedAudits(store, outbox),
        rotation_first_month=settings.rotation_first_month)


def build_app(settings: AuditCaptureSettings | None = None) -> FastAPI:
    settings = settings or AuditCaptureSettings()
    runtime = Runtime.build(settings, indexes=INDEXES, relay_outbox=True)
    app = create_app(runtime, title="Audit capture", routers=ROUTERS,
                     subscriptions=subscriptions(personal=runtime.personal))
    app.state.deps = build_deps(settings, runtime)
    show_names(app, lambda: directory_names(app.state.deps))  # pages name people and teams

    @app.exception_handler(IllegalTransition)
    @app.exception_handler(ModerationRefused)
    async def refused(_: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_409_CONFLICT)

    @app.exception_handler(NotInModeratingGroup)
    async def not_their_month(_: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_403_FORBIDDEN)

    @app.exception_handler(MonthNotPlanned)
    async def not_planned(request: Request, error: Exception) -> Response:
        """Whatever asks about a month nobody planned (a page's form too): 404, saying so."""
        if wants_html(request):
            return templates.TemplateResponse(request, "planning_missing.html", {
                "message": str(error)}, status_code=status.HTTP_404_NOT_FOUND)
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_404_NOT_FOUND)

    return app
