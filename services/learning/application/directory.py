"""Keeps the local projection of the staff directory: clinics are for teams in it, people
are invited, own actions and sign findings off through it. A new team starts its clinic
schedule (due within 6 months of when learning first saw it)."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.england_time import england_day
from shared.envelope import Envelope

from . import clinics
from .deps import Deps


async def on_staff_member(deps: Deps, event: StaffMemberUpserted, envelope: Envelope) -> None:
    await deps.directory.record_person(event)


async def on_team(deps: Deps, event: TeamUpserted, envelope: Envelope) -> None:
    await deps.directory.record_team_seen(event, seen_on=england_day(envelope.occurred_at))
    await clinics.refresh_schedule(deps, event.team_id)
