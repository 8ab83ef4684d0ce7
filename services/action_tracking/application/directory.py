"""Keeps the local projection of the staff directory (owners must be in it; managers and
heads of service are found through it)."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.envelope import Envelope

from .deps import Deps


async def on_staff_member(deps: Deps, event: StaffMemberUpserted, envelope: Envelope) -> None:
    record = event.model_dump(mode="json", include={
        "team_id", "job_role", "line_manager_id", "active", "roles", "revision",
        "display_name"})
    record.setdefault("revision", 1)
    await deps.directory.upsert_person(event.person_id, record)


async def on_team(deps: Deps, event: TeamUpserted, envelope: Envelope) -> None:
    record = event.model_dump(mode="json", include={
        "name", "service_area", "head_of_service_id", "active", "revision"})
    record.setdefault("revision", 1)
    await deps.directory.upsert_team(event.team_id, record)
