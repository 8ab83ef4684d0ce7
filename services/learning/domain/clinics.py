"""Performance clinics over time (pure): what the next clinic opens with, and the schedule
the system keeps: every team's next clinic is due within 6 months of its last (of when the
team joined the directory, before its first), with an alert when it is due and none is
planned, and another once it is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from schemas.alert import AlertRaised
from schemas.learning import CarriedPriority
from shared.england_time import start_of_day
from shared.envelope import derived_id

from .meetings import add_months

DUE_WITHIN_MONTHS = 6
ORDER = ("clinic_due", "clinic_overdue")
TITLES = {"clinic_due": "Performance clinic due and not planned",
          "clinic_overdue": "Performance clinic overdue"}


def carry_in(last_signed_clinic: dict[str, Any] | None) -> list[CarriedPriority]:
    """The priorities the team agreed at its last signed-off clinic (latest version)."""
    if last_signed_clinic is None:
        return []
    clinic = (last_signed_clinic.get("signed_outcomes") or {})
    return [CarriedPriority(priority_id=p["priority_id"], text=p["text"],
                            from_meeting_id=last_signed_clinic["_id"])
            for p in clinic.get("priorities", [])]


@dataclass(frozen=True)
class ClinicSchedule:
    team_id: str
    due_by: date
    last_held_on: date | None
    planned_on: date | None  # the earliest clinic scheduled and not yet held

    def moments(self, warning_days: int) -> dict[str, datetime]:
        return {"clinic_due": start_of_day(self.due_by - timedelta(days=warning_days)),
                "clinic_overdue": start_of_day(self.due_by + timedelta(days=1))}

    def due(self, now: datetime, warning_days: int, done: set[str]) -> list[str]:
        """Alert kinds whose moment has come, not raised yet; none while one is planned.
        When both have come (the service was down), only the later is raised."""
        if self.planned_on is not None:
            return []
        come = [k for k, at in self.moments(warning_days).items() if at <= now]
        latest = come[-1:] if come else []
        return [k for k in latest if alert_id(k, self.team_id, self.due_by) not in done]

    def passed(self, now: datetime, warning_days: int) -> set[str]:
        """Ids of the alerts whose moments have come: done once this check is over, raised
        or not (a later moment's alert stands for an earlier one)."""
        return {alert_id(k, self.team_id, self.due_by)
                for k, at in self.moments(warning_days).items() if at <= now}

    def next_check(self, warning_days: int, done: set[str]) -> datetime | None:
        if self.planned_on is not None:
            return None
        pending = [at for k, at in self.moments(warning_days).items()
                   if alert_id(k, self.team_id, self.due_by) not in done]
        return min(pending, default=None)


def schedule_for(team_id: str, *, known_since: date, last_held_on: date | None,
                 planned_on: date | None) -> ClinicSchedule:
    return ClinicSchedule(team_id=team_id,
                          due_by=add_months(last_held_on or known_since, DUE_WITHIN_MONTHS),
                          last_held_on=last_held_on, planned_on=planned_on)


def alert_id(kind: str, team_id: str, due_by: date) -> str:
    return derived_id("alert", kind, "performance_clinic", team_id, due_by.isoformat())


def clinic_alert(schedule: ClinicSchedule, kind: str, *, head_of_service_id: str | None,
                 now: datetime) -> AlertRaised:
    return AlertRaised(
        alert_id=alert_id(kind, schedule.team_id, schedule.due_by), kind=kind,
        about="performance_clinic", about_id=schedule.team_id, team_id=schedule.team_id,
        due_at=start_of_day(schedule.due_by + timedelta(days=1)), urgent=kind == "clinic_overdue",
        raised_at=now, escalated_to=head_of_service_id if kind == "clinic_overdue" else None,
        title=TITLES[kind])
