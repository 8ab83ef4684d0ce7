"""Builds reporting from its settings: the one place dependencies are wired."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from shared.runtime import Runtime, create_app

from .adapters.facts import INDEXES, FactStore
from .adapters.indicator_imports import IndicatorImports
from .adapters.signoff import SignOffs
from .entrypoints.briefing import router as briefing_router
from .entrypoints.briefing_exports import router as briefing_exports_router
from .entrypoints.drill_down import router as drill_down_router
from .entrypoints.indicators import router as indicators_router
from .entrypoints.pack_pages import router as pack_pages_router
from .entrypoints.packs import router as packs_router
from .entrypoints.pages import router as pages_router
from .entrypoints.report_exports import router as report_exports_router
from .entrypoints.report_pages import router as report_pages_router
from .entrypoints.subscriptions import subscribe
from .handlers.projections import ProjectionHandlers
from .settings import ReportingSettings


@dataclass
class Dependencies:
    facts: FactStore
    signoffs: SignOffs
    indicators: IndicatorImports


def build_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()
    runtime = Runtime.build(settings, indexes=INDEXES, 
                            relay_outbox=True)
    facts = FactStore(runtime.store)
    routers = [briefing_router, briefing_exports_router, drill_down_router, packs_router,
               report_exports_router, indicators_router, pages_router, pack_pages_router,
               report_pages_router]
    app = create_app(runtime, title="Reporting", routers=routers)
    subscribe(runtime.consumer, ProjectionHandlers(facts))  # batches (create_app's are one by one)
    app.state.deps = Dependencies(facts=facts,
                                  signoffs=SignOffs(runtime.outbox, runtime.publisher),
                                  indicators=IndicatorImports(runtime.outbox, runtime.publisher))
    return app
