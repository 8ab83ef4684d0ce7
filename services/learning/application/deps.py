"""Everything a use case or event handler of learning may use, built once by bootstrap.py:
one repository per collection, the clock, and the schedule loop's alarm."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from ..adapters.alerts import AlertStore
from ..adapters.circles import ChildProtectionPlans, Circles
from ..adapters.survey import Surveys
from ..adapters.development import DevelopmentProgramme
from ..adapters.directory import Directory
from ..adapters.exports import PlanExports
from ..adapters.findings import FindingsSummaries
from ..adapters.meeting_actions import MeetingActions
from ..adapters.learn import EvidenceSignoffs, GoodPractice, Results, Supervisions
from ..adapters.meetings import Meetings
from ..adapters.practice_learning import AnnualReviews, AsyeRecords, PracticeLearningQueue
from ..adapters.practice_learning import PracticeObservations
from ..adapters.schedule import ClinicSchedules
from ..adapters.themed_results import ThemedResults
from shared.clock import Clock
from ..settings import LearningSettings


@dataclass
class Deps:
    settings: LearningSettings
    meetings: Meetings
    findings: FindingsSummaries
    directory: Directory
    schedule: ClinicSchedules
    alerts: AlertStore
    meeting_actions: MeetingActions
    exports: PlanExports
    themed_results: ThemedResults
    clock: Clock
    results: Results
    supervisions: Supervisions
    evidence: EvidenceSignoffs
    good_practice: GoodPractice
    cp_plans: ChildProtectionPlans
    circles: Circles
    surveys: Surveys
    practice_observations: PracticeObservations
    plt_queue: PracticeLearningQueue
    annual_reviews: AnnualReviews
    asye: AsyeRecords
    development: DevelopmentProgramme
    # Set when a team's schedule changed or "now" moved: the schedule loop looks at once.
    schedule_alarm: asyncio.Event = field(default_factory=asyncio.Event)

    def wake_schedule_loop(self) -> None:
        self.schedule_alarm.set()
