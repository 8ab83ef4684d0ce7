"""Builds feedback ingestion from its settings: the one place dependencies are wired."""

from __future__ import annotations

from fastapi import FastAPI

from shared import directory
from shared.directory import DirectoryProjection
from shared.personal_data.erasure_api import erasure_router
from shared.personal_data.retention_api import retention_router
from shared.runtime import Runtime, create_app
from shared.web.names import show_names

from .adapters.personal_holdings import HOLDINGS
from .adapters.retained_collections import RETAINED
from .adapters import counts, imports, items, quarantine, signatures
from .application.deps import Deps
from .entrypoints.api import imports as imports_api
from .entrypoints.api import items as items_api
from .entrypoints.api import quarantine as quarantine_api
from .entrypoints.api import webhooks as webhooks_api
from .entrypoints.pages import imports as import_pages
from .entrypoints.pages import quarantine as quarantine_pages
from .entrypoints.pages import reconciliation as reconciliation_pages
from .entrypoints.pages import statements as statement_pages
from .entrypoints.subscriptions import subscriptions
from .settings import FeedbackIngestionSettings

__all__ = ["INDEXES", "build_app", "build_deps", "build_runtime"]

INDEXES = [*items.INDEXES, *quarantine.INDEXES, *imports.INDEXES, *signatures.INDEXES,
           *counts.INDEXES, *directory.INDEXES]
ROUTERS = [items_api.router, webhooks_api.router, quarantine_api.router, imports_api.router,
           import_pages.router, quarantine_pages.router, reconciliation_pages.router,
           statement_pages.router]
# Erasure and subject access: what this service holds about a data subject.
ROUTERS.append(erasure_router(HOLDINGS))
ROUTERS.append(retention_router(RETAINED))


def build_deps(settings: FeedbackIngestionSettings, runtime: Runtime) -> Deps:
    return Deps(settings=settings, publisher=runtime.publisher,
                items=items.ItemRepository(runtime.store, runtime.outbox),
                quarantine=quarantine.QuarantineRepository(runtime.store),
                counts=counts.CountRepository(runtime.store),
                imports=imports.ImportRepository(runtime.store),
                signatures=signatures.SeenSignatures(runtime.store),
                directory=DirectoryProjection(runtime.store))


def build_runtime(settings: FeedbackIngestionSettings, *, relay: bool = True) -> Runtime:
    """relay=False for the command-line import: it writes to the service's database, whose
    outbox the running service relays (what a broker outage leaves behind)."""
    return Runtime.build(settings, indexes=INDEXES, relay_outbox=relay)


def build_app(settings: FeedbackIngestionSettings | None = None) -> FastAPI:
    settings = settings or FeedbackIngestionSettings()
    runtime = build_runtime(settings)
    deps = build_deps(settings, runtime)
    app = create_app(runtime, title="Feedback ingestion", routers=ROUTERS,
                     subscriptions=subscriptions(deps, personal=runtime.personal))
    app.state.deps = deps
    show_names(app, deps.directory.directory_names)  # pages name people and teams
    return app
