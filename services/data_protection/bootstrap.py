"""Builds data protection from its settings: the one place dependencies are wired."""

from __future__ import annotations

from fastapi import FastAPI

from shared import directory
from shared.clock import Clock, SystemClock
from shared.directory import DirectoryProjection
from shared.personal_data.pseudonyms import Pseudonyms
from shared.runtime import Runtime, create_app
from shared.web.names import show_names

from .adapters import access_log
from .adapters.erasures import Erasures, ServiceCalls
from .adapters.service_tokens import service_tokens
from .application.erasures import run_confirmations
from .adapters import retention_runs
from .adapters.retained_collections import retained
from .adapters.retention_calls import RetentionCalls
from .application.retention import run_daily
from .entrypoints.api import retention as retention_api
from .entrypoints.pages import retention as retention_pages
from .entrypoints.api import erasures as erasures_api
from .adapters import holds
from .adapters import subject_access
from .application.deps import Deps
from .entrypoints.api import access_log as access_log_api
from .entrypoints.api import holds as holds_api
from .entrypoints.api import subject_access as subject_access_api
from .entrypoints.pages import access_log as access_log_pages
from .entrypoints.pages import erasures as erasure_pages
from .entrypoints.pages import holds as holds_pages
from .entrypoints.pages import home as home_pages
from .entrypoints.pages import subject_access as subject_access_pages
from .entrypoints.subscriptions import subscriptions
from .settings import DataProtectionSettings

INDEXES = [*access_log.INDEXES, *holds.INDEXES, *subject_access.INDEXES,
           *retention_runs.INDEXES, *directory.INDEXES]
ROUTERS = [home_pages.router, erasures_api.router, access_log_pages.router, access_log_api.router,
           holds_pages.router, holds_api.router, subject_access_pages.router,
           subject_access_api.router]
ROUTERS += [retention_pages.router, retention_api.router]
ROUTERS.append(erasure_pages.router)


def build_deps(settings: DataProtectionSettings, runtime: Runtime, clock: Clock) -> Deps:
    return Deps(settings=settings, clock=clock,
                access_log=access_log.AccessLogStore(runtime.store),
                pseudonyms=Pseudonyms.from_settings(settings),
                subject_access=subject_access.SubjectAccessStore(runtime.store),
                holds=holds.LegalHolds(runtime.store, runtime.outbox),
                directory=DirectoryProjection(runtime.store))


def build_app(settings: DataProtectionSettings | None = None, *,
              clock: Clock | None = None) -> FastAPI:
    settings = settings or DataProtectionSettings()
    clock = clock or SystemClock()
    runtime = Runtime.build(settings, indexes=INDEXES, relay_outbox=True)
    deps = build_deps(settings, runtime, clock)
    others = {s: url for s, url in (settings.service_api_urls or settings.service_urls).items()
              if s != settings.service_name}
    deps.personal, deps.publisher = runtime.personal, runtime.publisher
    deps.erasures = Erasures(runtime.store)
    deps.calls = ServiceCalls(others, tokens := service_tokens(settings))
    runtime.background.append(lambda: run_confirmations(deps))
    deps.retention_runs = retention_runs.RetentionRuns(runtime.store, runtime.outbox)
    deps.retention_calls = RetentionCalls(others, tokens)
    deps.retention_schedule, deps.database = runtime.retention, runtime.store.db
    deps.retained = retained(deps.pseudonyms)
    runtime.background.append(lambda: run_daily(deps))
    app = create_app(runtime, title="Data protection", routers=ROUTERS,
                     subscriptions=subscriptions(deps, personal=runtime.personal))
    app.state.deps = deps
    show_names(app, deps.directory.directory_names)  # pages name people and teams
    return app
