"""Builds action tracking from its settings: the one place dependencies are wired."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from shared.runtime import Runtime, create_app

from .adapters import actions as actions_store
from .adapters import alerts as alerts_store
from .adapters import deadlines as deadlines_store
from .adapters import directory as directory_store
from .adapters import webhooks as webhooks_store
from .adapters.actions import ActionRepository
from .adapters.alerts import AlertStore
from .adapters.deadlines import DeadlineStore
from .adapters.directory import Directory
from .adapters.live import AlertHub
from .adapters.webhooks import WebhookStore
from .application.actions import Lifecycle
from .application.alerts import AlertRaiser
from .application.deadline_alerts import DeadlineEngine
from .application.deadlines import DeadlineHandlers
from .application.directory import DirectoryHandlers
from .application.findings import FindingHandlers
from .application.urgent import UrgentHandlers
from .application.webhooks import WebhookSender
from .clock import Clock, SystemClock
from .domain.deadlines import Rule
from .entrypoints.api import alerts as alerts_http
from .entrypoints.api import webhooks as webhooks_http
from .entrypoints.api.actions import router as actions_router
from .entrypoints.pages import actions as pages
from .entrypoints.subscriptions import subscriptions
from .metrics import ActionMetrics
from .settings import ActionTrackingSettings

INDEXES = [*actions_store.INDEXES, *alerts_store.INDEXES, *deadlines_store.INDEXES,
           *directory_store.INDEXES, *webhooks_store.INDEXES]


@dataclass
class Dependencies:
    actions: ActionRepository
    directory: Directory
    deadlines: DeadlineStore
    alerts: AlertStore
    hub: AlertHub
    webhooks: WebhookStore
    webhook_sender: WebhookSender
    lifecycle: Lifecycle
    engine: DeadlineEngine
    clock: Clock
    publisher: Any


def build_app(settings: ActionTrackingSettings | None = None, *,
              clock: Clock | None = None) -> FastAPI:
    settings = settings or ActionTrackingSettings()
    clock = clock or SystemClock()
    runtime = Runtime.build(settings, indexes=INDEXES, relay_outbox=True)
    metrics = ActionMetrics.create(runtime.metrics.registry)
    rule = Rule(settings.due_soon_working_days, settings.escalate_after_working_days)
    actions = ActionRepository(runtime.store, runtime.outbox)
    directory = Directory(runtime.store)
    deadlines = DeadlineStore(runtime.store, rule)
    alerts = AlertStore(runtime.outbox)
    raiser = AlertRaiser(alerts, clock, metrics)
    engine = DeadlineEngine(deadlines, raiser, directory, actions, metrics, clock,
                            max_sleep=settings.engine_max_sleep_seconds)
    if hasattr(clock, "listeners"):
        clock.listeners.append(engine.wake)  # a test moved "now": look again at once
    client = httpx.AsyncClient(timeout=settings.webhook_timeout_seconds)
    webhooks = WebhookStore(runtime.store)
    sender = WebhookSender(webhooks, client, attempts=settings.webhook_attempts,
                           backoff=settings.webhook_backoff_seconds,
                           max_backoff=settings.webhook_max_backoff_seconds)
    hub = AlertHub()
    hub.subscribe(runtime.broker)
    app = create_app(
        runtime, title="Action tracking",
        routers=[actions_router, alerts_http.router, webhooks_http.router, pages.router],
        subscriptions=subscriptions(
            FindingHandlers(actions, runtime.publisher),
            DeadlineHandlers(deadlines, clock, engine.wake), DirectoryHandlers(directory),
            UrgentHandlers(raiser), sender))
    app.state.deps = Dependencies(
        actions=actions, directory=directory, deadlines=deadlines, alerts=alerts, hub=hub,
        webhooks=webhooks, webhook_sender=sender,
        lifecycle=Lifecycle(actions, directory, clock, runtime.publisher), engine=engine,
        clock=clock, publisher=runtime.publisher)
    _run_engine_with_app(app, engine, client)
    return app


def _run_engine_with_app(app: FastAPI, engine: DeadlineEngine, client: httpx.AsyncClient):
    """Start the deadline engine after the runtime, stop it before."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[None]:
        async with inner(application):
            task = asyncio.create_task(engine.run())
            try:
                yield
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
                await client.aclose()

    app.router.lifespan_context = lifespan
