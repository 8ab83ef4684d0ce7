"""Builds data protection from its settings: the one place dependencies are wired."""

from __future__ import annotations

from fastapi import FastAPI

from shared.clock import Clock, SystemClock
from shared.runtime import Runtime, create_app

from .application.deps import Deps
from .entrypoints.pages import home as home_pages
from .entrypoints.subscriptions import subscriptions
from .settings import DataProtectionSettings

INDEXES: list = []
ROUTERS = [home_pages.router]


def build_deps(settings: DataProtectionSettings, runtime: Runtime, clock: Clock) -> Deps:
    return Deps(settings=settings, clock=clock)


def build_app(settings: DataProtectionSettings | None = None, *,
              clock: Clock | None = None) -> FastAPI:
    settings = settings or DataProtectionSettings()
    clock = clock or SystemClock()
    runtime = Runtime.build(settings, indexes=INDEXES, relay_outbox=True)
    deps = build_deps(settings, runtime, clock)
    app = create_app(runtime, title="Data protection", routers=ROUTERS,
                     subscriptions=subscriptions(deps))
    app.state.deps = deps
    return app
