"""Facts about practice and meeting observations and conference checklists (topic qa.observation)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .audit import RaisedAction
from .base import CaseReference, EventData, Id, PersonalText
from .common import Grade

# The framework's section 2 "The following will be observed", in its order.
KEY_MEETING_TYPES: tuple[str, ...] = (
    "Early Help Assessment Meeting",
    "Strategy discussion/meeting",
    "Child Protection Conference - Initial",
    "Child Protection Conference - Review",
    "Core Group meeting",
    "Looked After Child Initial Planning Meeting",
    "Looked After Child Review Meeting",
    "Multi-Agency Risk Assessment Conference (MARAC)",
    "Domestic Abuse 'Morning Meeting' (MASH)",
    "Legal Planning Meeting",
    "Pre Proceedings Meeting",
    "Court Proceedings",
    "Family Drug and Alcohol Court (FDAC) Formulation Meeting",
    "Team Around the Child (TAC) Meeting",
    "Family Group Conference",
)
MeetingAspect = Literal["governance", "terms_of_reference", "leadership",
                        "multi_agency_working", "child_and_family_involvement", "pace"]


class PracticeObservationRecorded(EventData):
    """`kind`: practice = the annual observation of an experienced worker; asye = a newly
    qualified worker's; supervision = a manager's observed supervision."""

    event_type = "observation.practice_recorded"
    topic = topics.OBSERVATION

    observation_id: Id
    worker_id: Id
    observer_id: Id
    team_id: Id
    observed_on: date
    kind: Literal["practice", "asye", "supervision"] = "practice"
    consent_confirmed: bool
    summary: PersonalText = ""
    actions: list[RaisedAction] = Field(default_factory=list)
    observed_scope: Literal["all", "part"] = "all"
    activity: PersonalText = ""
    critique: PersonalText = ""
    family_discussion: PersonalText = Field(
        default="", description="The brief discussion with the child and family afterwards")
    action_plan: PersonalText | None = Field(default=None,
                                             description="Individual action plan, if needed")
    shared_with_practice_learning_team: bool = False

    def subject(self) -> str:
        return self.observation_id


class AspectJudgement(BaseModel):
    aspect: MeetingAspect
    grade: Grade
    comment: PersonalText = ""


class MeetingObservationRecorded(EventData):
    event_type = "observation.meeting_recorded"
    topic = topics.OBSERVATION

    observation_id: Id
    meeting_type: str = Field(min_length=1, description="One of the 15 key meeting types")
    observer_id: Id
    observer_role: Literal["head_of_service", "director"]
    observed_on: date
    team_id: Id | None = None
    learning: PersonalText = ""
    actions: list[RaisedAction] = Field(default_factory=list)
    aspects: list[AspectJudgement] = Field(default_factory=list)
    chair_id: Id | None = None
    chair_discussion: PersonalText = ""
    copy_to_performance_team: bool = True

    def subject(self) -> str:
        return self.observation_id


class ChecklistAnswer(BaseModel):
    item: str = Field(min_length=1)
    answer: Literal["yes", "partly", "no", "not_applicable"]
    comment: PersonalText = ""


class ConferenceChecklist(BaseModel):
    """What an IRO or CP chair records about one conference or review, declared once: the
    command (audit capture's RecordConferenceChecklist) and the event take it from here."""

    conference_type: Literal["cp_initial", "cp_review", "lac_review"]
    chair_role: Literal["iro", "cp_chair"]
    held_on: date
    case_ref: CaseReference
    team_id: Id
    social_worker_id: Id
    line_manager_id: Id | None = None
    answers: list[ChecklistAnswer] = Field(min_length=1)
    quality_grade: Grade
    impact_grade: Grade
    feedback: PersonalText = Field(min_length=1, description="For the worker's line manager")
    actions: list[RaisedAction] = Field(default_factory=list)


class ConferenceChecklistRecorded(EventData, ConferenceChecklist):
    """An IRO's or CP chair's checklist about one conference or review; the feedback goes to
    the social worker's line manager for supervision."""

    event_type = "observation.conference_checklist_recorded"
    topic = topics.OBSERVATION

    checklist_id: Id
    chair_id: Id

    def subject(self) -> str:
        return self.checklist_id
