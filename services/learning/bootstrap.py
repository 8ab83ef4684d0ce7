"""Builds learning from its settings: the one place dependencies are wired."""

from __future__ import annotations

from fastapi import FastAPI

from shared.personal_data.erasure_api import erasure_router
from shared.personal_data.retention_api import retention_router
from shared.runtime import Runtime, create_app

from shared.web.names import show_names
from .adapters.personal_holdings import HOLDINGS
from .adapters.retained_collections import RETAINED
from .adapters import alerts as alerts_store
from .adapters import circles as circles_store
from .adapters import survey as survey_store
from .adapters.circles import ChildProtectionPlans, Circles
from .adapters.survey import Surveys
from .adapters import development as development_store
from .adapters import directory as directory_store
from .adapters import exports as exports_store
from .adapters import findings as findings_store
from .adapters import learn as learn_store
from .adapters import meeting_actions as meeting_actions_store
from .adapters import meetings as meetings_store
from .adapters import practice_learning as practice_learning_store
from .adapters.development import DevelopmentProgramme
from .adapters.practice_learning import AnnualReviews, AsyeRecords, PracticeLearningQueue
from .adapters.practice_learning import PracticeObservations
from .adapters import schedule as schedule_store
from .adapters import themed_results as themed_store
from .adapters.alerts import AlertStore
from .adapters.directory import Directory
from .adapters.exports import PlanExports
from .adapters.findings import FindingsSummaries
from .adapters.learn import EvidenceSignoffs, GoodPractice, Results, Supervisions
from .adapters.meeting_actions import MeetingActions
from .adapters.themed_results import ThemedResults
from .adapters.meetings import Meetings
from .adapters.schedule import ClinicSchedules
from .application.deps import Deps
from shared.clock import Clock, SystemClock
from .entrypoints.api import circles as circles_api
from .entrypoints.api import clinics as clinics_api
from .entrypoints.api import development as development_api
from .entrypoints.api import practice_learning as practice_learning_api
from .entrypoints.api import survey as survey_api
from .entrypoints.pages import circles as circles_pages
from .entrypoints.pages import survey as survey_pages
from .entrypoints.api import findings as findings_api
from .entrypoints.api import governance as governance_api
from .entrypoints.api import learn as learn_api
from .entrypoints.api import meetings as meetings_api
from .entrypoints.pages import development as development_pages
from .entrypoints.pages import findings as findings_pages
from .entrypoints.pages import practice_learning as practice_learning_pages
from .entrypoints.pages import governance as governance_pages
from .entrypoints.pages import learn as learn_pages
from .entrypoints.pages import meetings as meeting_pages
from .entrypoints.pages import supervision as supervision_pages
from .entrypoints.schedule_loop import run_schedule_loop
from .entrypoints.subscriptions import subscriptions
from .settings import LearningSettings

INDEXES = [*meetings_store.INDEXES, *findings_store.INDEXES, *directory_store.INDEXES,
           *schedule_store.INDEXES, *alerts_store.INDEXES, *meeting_actions_store.INDEXES,
           *exports_store.INDEXES, *themed_store.INDEXES, *learn_store.INDEXES,
           *practice_learning_store.INDEXES, *development_store.INDEXES,
           *circles_store.INDEXES, *survey_store.INDEXES]
ROUTERS = [meetings_api.router, clinics_api.router, findings_api.router, governance_api.router,
           meeting_pages.router, findings_pages.router, governance_pages.router,
           learn_api.router, learn_pages.router,
           practice_learning_api.router, development_api.router,
           practice_learning_pages.router, development_pages.router, supervision_pages.router,
           circles_api.router, survey_api.router, circles_pages.router, survey_pages.router]
# Erasure and subject access: what this service holds about a data subject.
ROUTERS.append(erasure_router(HOLDINGS))
ROUTERS.append(retention_router(RETAINED))


def build_deps(settings: LearningSettings, runtime: Runtime, clock: Clock) -> Deps:
    store, outbox = runtime.store, runtime.outbox
    return Deps(settings=settings, meetings=Meetings(store, outbox),
                findings=FindingsSummaries(store, outbox), directory=Directory(store),
                schedule=ClinicSchedules(store), alerts=AlertStore(outbox),
                meeting_actions=MeetingActions(store), exports=PlanExports(store, outbox),
                themed_results=ThemedResults(store), clock=clock,
                results=Results(store, outbox), supervisions=Supervisions(store, outbox),
                evidence=EvidenceSignoffs(store, outbox),
                good_practice=GoodPractice(store, outbox),
                practice_observations=PracticeObservations(store),
                plt_queue=PracticeLearningQueue(store, outbox),
                annual_reviews=AnnualReviews(store, outbox), asye=AsyeRecords(store, outbox),
                development=DevelopmentProgramme(store, outbox),
                cp_plans=ChildProtectionPlans(store), circles=Circles(store, outbox),
                surveys=Surveys(store, outbox))


def build_app(settings: LearningSettings | None = None, *, clock: Clock | None = None) -> FastAPI:
    settings = settings or LearningSettings()
    clock = clock or SystemClock()
    runtime = Runtime.build(settings, indexes=INDEXES, relay_outbox=True)
    deps = build_deps(settings, runtime, clock)
    if hasattr(clock, "listeners"):
        clock.listeners.append(deps.wake_schedule_loop)  # a test moved "now": look again
    runtime.background.append(lambda: run_schedule_loop(deps))
    app = create_app(runtime, title="Learning", routers=ROUTERS,
                     subscriptions=subscriptions(deps, personal=runtime.personal))
    app.state.deps = deps
    show_names(app, deps.directory.directory_names)  # pages name people and teams
    return app
