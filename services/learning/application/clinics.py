"""Performance clinics over time: each team's schedule (recomputed whenever one of its
clinics is scheduled or held, or the team changes), the alerts when a clinic is due and not
planned or overdue (the schedule loop's work), and what the next clinic opens with."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from shared.england_time import england_day

from ..domain.clinics import ClinicSchedule, clinic_alert, schedule_for
from .deps import Deps


async def refresh_schedule(deps: Deps, team_id: str) -> None:
    team = await deps.directory.team(team_id)
    if team is None:
        return
    if not team.get("active", True):
        await deps.schedule.save(team_id, {"active": False, "next_check": None})
        return
    last = await deps.meetings.last_held_clinic(team_id)
    planned = await deps.meetings.planned_clinic(team_id)
    schedule = schedule_for(
        team_id, known_since=date.fromisoformat(team["known_since"]),
        last_held_on=date.fromisoformat(last["held_on"]) if last else None,
        planned_on=date.fromisoformat(planned["scheduled_for"]) if planned else None)
    done = set((await deps.schedule.get(team_id) or {}).get("done", []))
    await deps.schedule.save(team_id, {
        "active": True, "team_name": team.get("name", team_id),
        "due_by": schedule.due_by.isoformat(),
        "last_held_on": _iso(schedule.last_held_on), "last_meeting_id": (last or {}).get("_id"),
        "planned_on": _iso(schedule.planned_on),
        "planned_meeting_id": (planned or {}).get("_id"),
        "next_check": schedule.next_check(deps.settings.clinic_warning_days, done)})
    deps.wake_schedule_loop()


async def raise_due(deps: Deps) -> int:
    """Raise every clinic alert whose moment has come, once; how many this call raised."""
    now, raised = deps.clock.now(), 0
    warning = deps.settings.clinic_warning_days
    for document in await deps.schedule.due(now):
        schedule = _schedule(document)
        done = set(document.get("done", []))
        kinds = schedule.due(now, warning, done)
        team = await deps.directory.team(schedule.team_id) or {}
        for kind in kinds:
            alert = clinic_alert(schedule, kind, now=now,
                                 head_of_service_id=team.get("head_of_service_id"))
            raised += await deps.alerts.raise_once(alert, correlation_id=str(uuid.uuid4()))
        if schedule.planned_on is None:
            done |= schedule.passed(now, warning)
        await deps.schedule.mark_done(schedule.team_id, sorted(done),
                                      schedule.next_check(warning, done))
    return raised


async def next_moment(deps: Deps) -> datetime | None:
    return await deps.schedule.next_moment()


async def schedule_overview(deps: Deps) -> list[dict[str, Any]]:
    """Every active team's clinic schedule, the soonest due first, marked as the loop sees
    it (due: within the warning days; overdue: past its date)."""
    today = england_day(deps.clock.now())
    rows = []
    for row in await deps.schedule.by_due_date():
        if not row.get("active", True):
            continue
        due_by = date.fromisoformat(row["due_by"])
        days = (due_by - today).days
        row["state"] = ("planned" if row.get("planned_on") else "overdue" if days < 0
                        else "due" if days <= deps.settings.clinic_warning_days else "not yet")
        rows.append(row)
    return rows


async def last_clinic_actions(deps: Deps, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """The actions the clinic these priorities came from raised, and their status now."""
    sources = {p["from_meeting_id"] for p in meeting.get("carried_priorities", [])}
    found = []
    for source in sorted(sources):
        found += await deps.meeting_actions.of_meeting(source)
    return found


def _schedule(document: dict[str, Any]) -> ClinicSchedule:
    return ClinicSchedule(
        team_id=document["_id"], due_by=date.fromisoformat(document["due_by"]),
        last_held_on=_date(document.get("last_held_on")),
        planned_on=_date(document.get("planned_on")))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
