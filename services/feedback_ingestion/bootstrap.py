"""Builds feedback ingestion from its settings: the one place dependencies are wired."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from shared.kafka import EventPublisher
from shared.runtime import Runtime, create_app

from .adapters.items import INDEXES, ITEMS, ItemRepository
from .entrypoints.http import router as items_router
from .entrypoints.subscriptions import SUBSCRIPTIONS
from .settings import FeedbackIngestionSettings


@dataclass
class Dependencies:
    publisher: EventPublisher
    items: ItemRepository


def build_app(settings: FeedbackIngestionSettings | None = None) -> FastAPI:
    settings = settings or FeedbackIngestionSettings()
    runtime = Runtime.build(settings, indexes=INDEXES, outbox_collections=[ITEMS])
    app = create_app(runtime, title="Feedback ingestion", routers=[items_router],
                     subscriptions=SUBSCRIPTIONS)
    app.state.deps = Dependencies(publisher=runtime.publisher,
                                  items=ItemRepository(runtime.store, runtime.outbox))
    return app
