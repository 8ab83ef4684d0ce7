"""Keeps the local projection of the staff directory (owners must be in it)."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.envelope import Envelope

from ..adapters.directory import PEOPLE, TEAMS, Directory


class DirectoryHandlers:
    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    async def on_staff_member(self, event: StaffMemberUpserted, envelope: Envelope) -> None:
        record = event.model_dump(mode="json", include={
            "team_id", "job_role", "line_manager_id", "active", "roles", "revision"})
        record.setdefault("revision", 1)
        await self.directory.upsert(PEOPLE, event.person_id, record)

    async def on_team(self, event: TeamUpserted, envelope: Envelope) -> None:
        record = event.model_dump(mode="json", include={
            "service_area", "head_of_service_id", "active", "revision"})
        record.setdefault("revision", 1)
        await self.directory.upsert(TEAMS, event.team_id, record)
