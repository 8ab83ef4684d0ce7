"""Builds reporting from its settings: the one place dependencies are wired."""

from __future__ import annotations

from fastapi import FastAPI

from shared.personal_data.erasure_api import erasure_router
from shared.personal_data.retention_api import retention_router
from shared.runtime import Runtime, create_app

from shared.web.names import show_names
from .adapters.facts import INDEXES, FactStore
from .adapters.personal_holdings import HOLDINGS, current_collections
from .adapters.retained_collections import RETAINED
from .adapters.indicator_imports import IndicatorImports
from .adapters.report_facts import ReportFacts
from .adapters.signoff import SignOffs
from .adapters.staff_briefing import StaffBriefings
from .application.names import directory_names
from .application.deps import Deps
from .application.known_values import KnownValues
from .application.projections import ProjectionHandlers
from .entrypoints.api import briefing, briefing_exports, competency, indicators, lists, packs
from .entrypoints.api import feedback_summary, report_exports
from .entrypoints.pages import briefing as briefing_pages
from .entrypoints.pages import competency as competency_pages
from .entrypoints.pages import feedback_summary as feedback_summary_pages
from .entrypoints.pages import packs as pack_pages
from .entrypoints.pages import reports as report_pages
from .entrypoints.subscriptions import subscribe
from .settings import ReportingSettings

ROUTERS = [briefing.router, briefing_exports.router, lists.router, packs.router,
           report_exports.router, indicators.router, briefing_pages.router, pack_pages.router,
           report_pages.router, competency.router, competency_pages.router,
           feedback_summary.router, feedback_summary_pages.router]
# Erasure and subject access: what this service holds about a data subject.
ROUTERS.append(erasure_router(HOLDINGS, physical=current_collections))
ROUTERS.append(retention_router(RETAINED, physical=current_collections))


def build_deps(runtime: Runtime, settings: ReportingSettings) -> Deps:
    facts = FactStore(runtime.store)
    reports = ReportFacts(facts)
    return Deps(settings=settings, facts=facts, reports=reports, known=KnownValues(reports),
                signoffs=SignOffs(runtime.outbox, runtime.publisher),
                indicators=IndicatorImports(runtime.outbox, runtime.publisher),
                staff_briefings=StaffBriefings(runtime.outbox, runtime.publisher))


def build_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()
    runtime = Runtime.build(settings, indexes=INDEXES, relay_outbox=True)
    deps = build_deps(runtime, settings)
    app = create_app(runtime, title="Reporting", routers=ROUTERS)
    subscribe(runtime.consumer, ProjectionHandlers(deps.facts, personal=runtime.personal))  # batches (create_app's are one by one)
    app.state.deps = deps
    show_names(app, lambda: directory_names(deps))  # pages name people and teams
    return app
