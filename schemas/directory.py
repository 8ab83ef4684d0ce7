"""Facts about teams and staff (topic qa.directory)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from . import topics
from .base import EventData, Id, PersonalText


class TeamUpserted(EventData):
    event_type = "directory.team_upserted"
    topic = topics.DIRECTORY

    team_id: Id
    name: str
    service_area: str | None = None
    head_of_service_id: Id | None = None
    active: bool = True
    revision: int = Field(default=1, ge=1, description="Grows with each change; keep the newest")

    def subject(self) -> str:
        return self.team_id


class StaffMemberUpserted(EventData):
    event_type = "directory.staff_member_upserted"
    topic = topics.DIRECTORY

    person_id: Id
    display_name: PersonalText
    team_id: Id
    job_role: str
    line_manager_id: Id | None = None
    audit_group: Literal[1, 2, 3] | None = None
    asye: bool = Field(default=False, description="In the assessed and supported year")
    active: bool = True
    roles: list[str] = Field(default_factory=list, description="Platform roles, e.g. auditor")
    revision: int = Field(default=1, ge=1, description="Grows with each change; keep the newest")

    def subject(self) -> str:
        return self.person_id

    @classmethod
    def personal_data_subject(cls, data: dict[str, Any], aggregate_id: str) -> str:
        return f"staff:{data['person_id']}"
