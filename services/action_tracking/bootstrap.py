"""Builds action tracking from its settings: the one place dependencies are wired."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI

from shared.personal_data.erasure_api import erasure_router
from shared.personal_data.retention_api import retention_router
from shared.runtime import Runtime, create_app

from shared.web.names import show_names
from .adapters.personal_holdings import HOLDINGS
from .adapters.retained_collections import RETAINED
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
from .application.deps import Deps
from shared.clock import Clock, SystemClock
from .domain.deadlines import Rule
from .entrypoints.api import actions as actions_api
from .entrypoints.api import alerts as alerts_api
from .entrypoints.api import webhooks as webhooks_api
from .entrypoints.deadline_loop import run_deadline_loop
from .entrypoints.pages import actions as action_pages
from .entrypoints.subscriptions import subscriptions
from .metrics import ActionMetrics
from .settings import ActionTrackingSettings

INDEXES = [*actions_store.INDEXES, *alerts_store.INDEXES, *deadlines_store.INDEXES,
           *directory_store.INDEXES, *webhooks_store.INDEXES]


def build_deps(settings: ActionTrackingSettings, runtime: Runtime, clock: Clock) -> Deps:
    hub = AlertHub()
    hub.subscribe(runtime.broker)
    return Deps(
        settings=settings,
        actions=ActionRepository(runtime.store, runtime.outbox),
        directory=Directory(runtime.store),
        deadlines=DeadlineStore(runtime.store, Rule(settings.due_soon_working_days,
                                                    settings.escalate_after_working_days)),
        alerts=AlertStore(runtime.outbox),
        webhooks=WebhookStore(runtime.store),
        hub=hub,
        webhook_client=httpx.AsyncClient(timeout=settings.webhook_timeout_seconds),
        publisher=runtime.publisher,
        metrics=ActionMetrics.create(runtime.metrics.registry),
        clock=clock,
    )


def build_app(settings: ActionTrackingSettings | None = None, *,
              clock: Clock | None = None) -> FastAPI:
    settings = settings or ActionTrackingSettings()
    clock = clock or SystemClock()
    runtime = Runtime.build(settings, indexes=INDEXES, relay_outbox=True)
    deps = build_deps(settings, runtime, clock)
    if hasattr(clock, "listeners"):
        clock.listeners.append(deps.wake_deadline_loop)  # a test moved "now": look again
    runtime.background += [lambda: run_deadline_loop(deps),
                           lambda: _close_on_stop(deps.webhook_client)]
    app = create_app(
        runtime, title="Action tracking",
        routers=[actions_api.router, alerts_api.router, webhooks_api.router,
                 action_pages.router, erasure_router(HOLDINGS),
                 retention_router(RETAINED)],
        subscriptions=subscriptions(deps, personal=runtime.personal))
    app.state.deps = deps
    show_names(app, deps.directory.directory_names)  # pages name people and teams
    return app


async def _close_on_stop(client: httpx.AsyncClient) -> None:
    """Keeps the webhook client open while the service runs; closes it when stopped."""
    try:
        await asyncio.Event().wait()
    finally:
        await client.aclose()
