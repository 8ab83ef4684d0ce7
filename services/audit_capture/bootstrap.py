"""Builds audit capture from its settings: the one place dependencies are wired."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from shared.kafka import EventPublisher
from shared.outbox import Outbox
from shared.runtime import Runtime, create_app

from .adapters.audits import AUDITS, INDEXES, AuditRepository
from .entrypoints.http import router as audits_router
from .entrypoints.subscriptions import SUBSCRIPTIONS
from .settings import AuditCaptureSettings


@dataclass
class Dependencies:
    publisher: EventPublisher
    outbox: Outbox
    audits: AuditRepository


def build_app(settings: AuditCaptureSettings | None = None) -> FastAPI:
    settings = settings or AuditCaptureSettings()
    runtime = Runtime.build(settings, indexes=INDEXES, outbox_collections=[AUDITS])
    app = create_app(runtime, title="Audit capture", routers=[audits_router],
                     subscriptions=SUBSCRIPTIONS)
    app.state.deps = Dependencies(publisher=runtime.publisher, outbox=runtime.outbox,
                                  audits=AuditRepository(runtime.store, runtime.outbox))
    return app
