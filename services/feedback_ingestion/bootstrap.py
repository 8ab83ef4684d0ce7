"""Builds feedback ingestion from its settings: the one place dependencies are wired."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from shared.kafka import EventPublisher
from shared.runtime import Runtime, create_app

from .adapters import counts, imports, items, quarantine, signatures
from .entrypoints.api.items import router as items_router
from .entrypoints.api.imports import router as imports_router
from .entrypoints.pages.feedback import router as pages_router
from .entrypoints.api.quarantine import router as quarantine_router
from .entrypoints.subscriptions import subscriptions
from .entrypoints.api.webhooks import router as webhooks_router
from .application.intake import Intake
from .application.raw_items import RawItemHandlers
from .settings import FeedbackIngestionSettings

INDEXES = [*items.INDEXES, *quarantine.INDEXES, *imports.INDEXES, *signatures.INDEXES,
           *counts.INDEXES]


@dataclass
class Dependencies:
    settings: FeedbackIngestionSettings
    publisher: EventPublisher
    items: items.ItemRepository
    quarantine: quarantine.QuarantineRepository
    counts: counts.CountRepository
    imports: imports.ImportRepository
    signatures: signatures.SeenSignatures
    intake: Intake


def build_dependencies(settings: FeedbackIngestionSettings, runtime: Runtime) -> Dependencies:
    repos = dict(items=items.ItemRepository(runtime.store, runtime.outbox),
                 quarantine=quarantine.QuarantineRepository(runtime.store),
                 counts=counts.CountRepository(runtime.store))
    intake = Intake(**repos, publisher=runtime.publisher, taxonomy=settings.ingestion["taxonomy"])
    return Dependencies(settings=settings, publisher=runtime.publisher, **repos,
                        imports=imports.ImportRepository(runtime.store),
                        signatures=signatures.SeenSignatures(runtime.store), intake=intake)


def build_runtime(settings: FeedbackIngestionSettings, *, relay: bool = True) -> Runtime:
    """relay=False for the command-line import: it writes to the service's database, whose
    outbox the running service relays (what a broker outage leaves behind)."""
    return Runtime.build(settings, indexes=INDEXES, relay_outbox=relay)


def build_app(settings: FeedbackIngestionSettings | None = None) -> FastAPI:
    settings = settings or FeedbackIngestionSettings()
    runtime = build_runtime(settings)
    deps = build_dependencies(settings, runtime)
    app = create_app(runtime, title="Feedback ingestion",
                     routers=[items_router, webhooks_router, quarantine_router, imports_router,
                              pages_router],
                     subscriptions=subscriptions(RawItemHandlers(deps.intake))
                     if settings.consume_raw_topic else [])
    app.state.deps = deps
    return app
