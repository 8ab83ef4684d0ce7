"""Keeps data protection's projection of the staff directory, so its pages name the people
who read, set holds or asked for erasures, and the teams holds cover, as every other
service's pages do (issue 11)."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.envelope import Envelope

from .deps import Deps


async def on_staff_member(deps: Deps, event: StaffMemberUpserted, envelope: Envelope) -> None:
    await deps.directory.record_person(event)


async def on_team(deps: Deps, event: TeamUpserted, envelope: Envelope) -> None:
    await deps.directory.record_team(event)
