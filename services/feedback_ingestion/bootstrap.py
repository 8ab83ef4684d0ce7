"""Builds feedback ingestion from its settings: the one place dependencies are wired."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import FastAPI

from shared.kafka import EventPublisher
from shared.runtime import Runtime, create_app

from .adapters import counts, imports, items, quarantine
from .entrypoints.http import router as items_router
from .entrypoints.imports import router as imports_router
from .entrypoints.pages import router as pages_router
from .entrypoints.quarantine import router as quarantine_router
from .entrypoints.subscriptions import subscriptions
from .entrypoints.webhooks import router as webhooks_router
from .handlers.intake import Intake
from .handlers.raw_items import RawItemHandlers
from .settings import FeedbackIngestionSettings

INDEXES = [*items.INDEXES, *quarantine.INDEXES, *imports.INDEXES]


@dataclass
class Dependencies:
    settings: FeedbackIngestionSettings
    publisher: EventPublisher
    items: items.ItemRepository
    quarantine: quarantine.QuarantineRepository
    counts: counts.CountRepository
    imports: imports.ImportRepository
    intake: Intake


def build_dependencies(settings: FeedbackIngestionSettings, runtime: Runtime) -> Dependencies:
    repos = dict(items=items.ItemRepository(runtime.store, runtime.outbox),
                 quarantine=quarantine.QuarantineRepository(runtime.store),
                 counts=counts.CountRepository(runtime.store))
    intake = Intake(**repos, publisher=runtime.publisher, taxonomy=settings.ingestion["taxonomy"],
                    chunks=items.ChunkOutbox(runtime.store, runtime.publisher))
    return Dependencies(settings=settings, publisher=runtime.publisher, **repos,
                        imports=imports.ImportRepository(runtime.store), intake=intake)


def build_runtime(settings: FeedbackIngestionSettings, *, relay: bool = True) -> Runtime:
    """relay=False for the command-line import: the running service's relay republishes
    whatever it leaves behind, and the relay's scan of `items` competes with the import."""
    return Runtime.build(settings, indexes=INDEXES,
                         outbox_collections=[items.ITEMS] if relay else [])


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
    _with_chunk_relay(app, deps.intake.chunks, interval=settings.outbox_relay_seconds * 5)
    return app


def _with_chunk_relay(app: FastAPI, chunks: items.ChunkOutbox, *, interval: float) -> None:
    """The import chunks' relay runs beside the shared outbox relay, for the app's lifetime."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(running: FastAPI) -> AsyncIterator[None]:
        async with inner(running):
            task = asyncio.create_task(chunks.run_relay(interval))
            try:
                yield
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

    app.router.lifespan_context = lifespan
