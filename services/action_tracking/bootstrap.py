"""Builds action tracking from its settings: the one place dependencies are wired."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from shared.runtime import Runtime, create_app

from .adapters.actions import ACTIONS, INDEXES, ActionRepository
from .entrypoints.http import router as actions_router
from .entrypoints.subscriptions import subscriptions
from .handlers.findings import FindingHandlers
from .settings import ActionTrackingSettings


@dataclass
class Dependencies:
    actions: ActionRepository


def build_app(settings: ActionTrackingSettings | None = None) -> FastAPI:
    settings = settings or ActionTrackingSettings()
    runtime = Runtime.build(settings, indexes=INDEXES, outbox_collections=[ACTIONS])
    actions = ActionRepository(runtime.store, runtime.outbox)
    findings = FindingHandlers(actions, runtime.publisher)
    app = create_app(runtime, title="Action tracking", routers=[actions_router],
                     subscriptions=subscriptions(findings))
    app.state.deps = Dependencies(actions=actions)
    return app
