"""Keeps feedback ingestion's projection of the staff directory: its pages name people and
teams, and a Safety Link statement's readers are the child's team's managers, found here."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.envelope import Envelope

from .deps import Deps


async def on_staff_member(deps: Deps, event: StaffMemberUpserted, envelope: Envelope) -> None:
    await deps.directory.record_person(event)


async def on_team(deps: Deps, event: TeamUpserted, envelope: Envelope) -> None:
    await deps.directory.record_team(event)
