"""Keeps the local projection of the staff directory: clinics are for teams in it, people
are invited, own actions and sign findings off through it. A new team starts its clinic
schedule (due within 6 months of when learning first saw it)."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.envelope import Envelope

from ..domain.clinics import local_date
from . import clinics
from .deps import Deps


async def on_staff_member(deps: Deps, event: StaffMemberUpserted, envelope: Envelope) -> None:
    record = event.model_dump(mode="json", include={
        "team_id", "job_role", "line_manager_id", "audit_group", "active", "roles", "revision",
        "display_name"})
    await deps.directory.upsert_person(event.person_id, record)


async def on_team(deps: Deps, event: TeamUpserted, envelope: Envelope) -> None:
    record = event.model_dump(mode="json", include={
        "name", "service_area", "head_of_service_id", "active", "revision"})
    await deps.directory.upsert_team(event.team_id, record,
                                     seen_on=local_date(envelope.occurred_at))
    await clinics.refresh_schedule(deps, event.team_id)
