"""Practice and meeting observations and IRO/CP-chair checklists: what each must hold (pure).

A practice observation cannot be recorded without the explicit, informed consent of the
child and family, confirmed by the observer (framework, "Ethical guidance"). A meeting
observation is of one of the framework's 15 key meeting types.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from schemas.audit import RaisedAction
from schemas.base import Id, PersonalText
from schemas.observation import KEY_MEETING_TYPES, AspectJudgement, ConferenceChecklist


class RecordPracticeObservation(BaseModel):
    worker_id: Id
    team_id: Id
    observed_on: date
    kind: Literal["practice", "asye", "supervision"] = "practice"
    consent_confirmed: bool = Field(description="The observer confirmed the child's and "
                                                "family's explicit, informed consent")
    observed_scope: Literal["all", "part"] = "all"
    activity: PersonalText = ""
    critique: PersonalText = Field(min_length=1)
    family_discussion: PersonalText = ""
    summary: PersonalText = ""
    action_plan: PersonalText | None = None
    shared_with_practice_learning_team: bool = False
    actions: list[RaisedAction] = Field(default_factory=list)

    @field_validator("consent_confirmed")
    @classmethod
    def _consent(cls, value: bool, info: ValidationInfo) -> bool:
        # Observed supervision is of a manager with a worker: no child or family is present.
        if not value and info.data.get("kind") != "supervision":
            raise ValueError("an observation of practice cannot be recorded without the "
                             "explicit, informed consent of the child and family, confirmed "
                             "by the observer")
        return value


class RecordMeetingObservation(BaseModel):
    meeting_type: str
    observed_on: date
    team_id: Id | None = None
    chair_id: Id | None = None
    aspects: list[AspectJudgement] = Field(default_factory=list)
    chair_discussion: PersonalText = Field(min_length=1,
                                           description="The discussion with the meeting chair")
    learning: PersonalText = Field(min_length=1, description="Agreed learning")
    actions: list[RaisedAction] = Field(default_factory=list)
    copy_to_performance_team: bool = True

    @field_validator("meeting_type")
    @classmethod
    def _key_meeting(cls, value: str) -> str:
        if value not in KEY_MEETING_TYPES:
            raise ValueError("must be one of the 15 key meeting types: "
                             + "; ".join(KEY_MEETING_TYPES))
        return value

    @field_validator("aspects")
    @classmethod
    def _each_aspect_once(cls, value: list[AspectJudgement]) -> list[AspectJudgement]:
        names = [a.aspect for a in value]
        if len(names) != len(set(names)):
            raise ValueError("judge each aspect at most once")
        return value


class RecordConferenceChecklist(ConferenceChecklist):
    """The chair's command: exactly the checklist the event records."""
