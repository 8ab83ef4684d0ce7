"""Keeps the local projection of the staff directory (owners must be in it; managers and
heads of service are found through it)."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.envelope import Envelope

from .deps import Deps


async def on_staff_member(deps: Deps, event: StaffMemberUpserted, envelope: Envelope) -> None:
    await deps.directory.record_person(event)


async def on_team(deps: Deps, event: TeamUpserted, envelope: Envelope) -> None:
    await deps.directory.record_team(event)
