"""Builds audit capture from its settings: the one place dependencies are wired."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse

from shared.kafka import EventPublisher
from shared.outbox import Outbox
from shared.runtime import Runtime, create_app

from .adapters.aggregates import Aggregates
from .adapters.audits import AuditRepository
from .adapters.collections import INDEXES, MONTHS, OBSERVATIONS, TEAMS, THEMED_AUDITS, THEMES
from .adapters.staff import Staff
from .domain.lifecycle import IllegalTransition
from .domain.moderation import ModerationRefused, NotInModeratingGroup
from .entrypoints.api import audits, directory, moderation, observations, programme
from .entrypoints.api import submissions, themes
from .entrypoints.pages import audit_view, moderation as moderation_pages
from .entrypoints.pages import audits as audit_pages, observations as observation_pages
from .entrypoints.pages import planning, themed_audits
from .entrypoints.subscriptions import SUBSCRIPTIONS
from .settings import AuditCaptureSettings

# Submissions before audits: both serve /audits, and the first of its routes still answers
# an unsupported method with `405, Allow: POST`.
ROUTERS = [submissions.router, audits.router, moderation.router, programme.router,
           directory.router, observations.router, themes.router, audit_pages.router,
           planning.router, observation_pages.router, moderation_pages.router,
           audit_view.router, themed_audits.router]


@dataclass
class Dependencies:
    publisher: EventPublisher
    outbox: Outbox
    audits: AuditRepository
    staff: Staff
    teams: Aggregates
    months: Aggregates
    observations: Aggregates
    themes: Aggregates
    themed_audits: Aggregates
    rotation_first_month: str  # anchors the rotation for months no programme planned


def build_app(settings: AuditCaptureSettings | None = None) -> FastAPI:
    settings = settings or AuditCaptureSettings()
    runtime = Runtime.build(settings, indexes=INDEXES, relay_outbox=True)
    app = create_app(runtime, title="Audit capture", routers=ROUTERS, subscriptions=SUBSCRIPTIONS)
    store, outbox = runtime.store, runtime.outbox
    app.state.deps = Dependencies(
        publisher=runtime.publisher, outbox=outbox, audits=AuditRepository(store, outbox),
        staff=Staff(store, outbox), rotation_first_month=settings.rotation_first_month,
        **{name: Aggregates(store, outbox, collection) for name, collection in (
            ("teams", TEAMS), ("months", MONTHS),
            ("observations", OBSERVATIONS), ("themes", THEMES),
            ("themed_audits", THEMED_AUDITS))})

    @app.exception_handler(IllegalTransition)
    @app.exception_handler(ModerationRefused)
    async def refused(_: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_409_CONFLICT)

    @app.exception_handler(NotInModeratingGroup)
    async def not_their_month(_: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_403_FORBIDDEN)

    return app
