"""The learning and development programme, pure: themes (moderation's and the leadership
team's findings) and outstanding practice made into programme items targeted at a team, an
area or the whole service; sessions scheduled and delivered with their attendance; and the
audit grades of the teams that attended, before the first session beside those after."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from schemas.base import PersonalText
from schemas.development import DevelopmentSessionDelivered
from shared.grade_comparison import COMPARISON_MONTHS, compare, comparison_window
from shared.grade_comparison import grades_summary

from .refusals import Locked, Refused

SourceKind = Literal["finding", "escalated_theme", "learning_need", "good_practice", "other"]
Scope = Literal["team", "area", "service"]
# The before/after rule is shared with reporting's Learn section (shared/grade_comparison.py).
__all__ = ["COMPARISON_MONTHS", "compare", "comparison_window", "grades_summary"]


class Source(BaseModel):
    kind: SourceKind
    ref: str = Field(default="", max_length=200, description="The finding, theme or audit it came from")
    text: PersonalText = Field(min_length=1, max_length=2000, description="What was found")


class CreateItem(BaseModel):
    title: PersonalText = Field(min_length=1, max_length=200)
    source: Source
    scope: Scope
    team_id: str | None = Field(default=None, description="For a team's item")
    area: str | None = Field(default=None, description="For an area's item (a service area)")

    @model_validator(mode="after")
    def _target_named(self) -> CreateItem:
        if self.scope == "team" and not self.team_id:
            raise ValueError("name the team an item for a team is for")
        if self.scope == "area" and not self.area:
            raise ValueError("name the area an item for an area is for")
        return self


def decide_item(command: CreateItem, *, teams: list[dict[str, Any]], by: str, now: str,
                new_id: str) -> dict[str, Any]:
    """The target must exist in the directory: a team by id, an area as a team's service area."""
    if command.scope == "team" and command.team_id not in {t["_id"] for t in teams}:
        raise Refused("team_id", f"{command.team_id} is not a team in the staff directory")
    areas = {t.get("service_area") for t in teams} - {None, ""}
    if command.scope == "area" and command.area not in areas:
        raise Refused("area", f"{command.area} is not a service area of any team in the "
                              f"directory (known: {', '.join(sorted(areas)) or 'none'})")
    target = {"scope": command.scope,
              "team_id": command.team_id if command.scope == "team" else None,
              "area": command.area if command.scope == "area" else None}
    return {"_id": new_id, "title": command.title, "source": command.source.model_dump(),
            "target": target, "created_by": by, "created_at": now, "sessions": []}


class ScheduleSession(BaseModel):
    title: PersonalText = Field(min_length=1, max_length=200)
    scheduled_for: date


def decide_session(item: dict[str, Any], command: ScheduleSession, *,
                   new_id: str) -> list[dict[str, Any]]:
    return [*item["sessions"], {"session_id": new_id, "title": command.title,
                                "scheduled_for": command.scheduled_for.isoformat(),
                                "status": "scheduled", "delivered_on": None,
                                "attendee_ids": [], "attended_team_ids": []}]


class DeliverSession(BaseModel):
    delivered_on: date
    attendee_ids: list[str] = Field(min_length=1, max_length=500, description=(
        "Staff ids of those who attended"))


def decide_delivery(item: dict[str, Any], session_id: str, command: DeliverSession, *,
                    people: dict[str, dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """Attendance is of people in the directory; the teams that attended follow from them."""
    session = next((s for s in item["sessions"] if s["session_id"] == session_id), None)
    if session is None:
        raise Refused("session_id", f"{session_id} is not a session of this item")
    if session["status"] == "delivered":
        raise Locked("this session is recorded as delivered already")
    if command.delivered_on > today:
        raise Refused("delivered_on", "a session cannot be recorded as delivered before it is")
    for n, person_id in enumerate(command.attendee_ids):
        if person_id not in people:
            raise Refused(f"attendee_ids.{n}", f"{person_id} is not in the staff directory")
    teams = sorted({people[p]["team_id"] for p in command.attendee_ids if people[p].get("team_id")})
    delivered = {**session, "status": "delivered", "delivered_on": command.delivered_on.isoformat(),
                 "attendee_ids": list(dict.fromkeys(command.attendee_ids)),
                 "attended_team_ids": teams}
    return [delivered if s["session_id"] == session_id else s for s in item["sessions"]]


def attended(item: dict[str, Any]) -> tuple[str | None, list[str]]:
    """The month of the first session delivered, and every team that attended any session."""
    delivered = [s for s in item["sessions"] if s["status"] == "delivered"]
    if not delivered:
        return None, []
    first = min(s["delivered_on"] for s in delivered)[:7]
    return first, sorted({t for s in delivered for t in s["attended_team_ids"]})


def session_delivered(item: dict[str, Any], session_id: str) -> DevelopmentSessionDelivered:
    """The event of a session delivered: the item, its target, the day and the teams that
    attended with how many people, never who (reporting sets those teams' grades beside it)."""
    session = next(s for s in item["sessions"] if s["session_id"] == session_id)
    target = item["target"]
    return DevelopmentSessionDelivered(
        item_id=item["_id"], session_id=session_id, item_title=item["title"],
        session_title=session["title"], source_kind=item["source"]["kind"],
        scope=target["scope"], team_id=target.get("team_id"), area=target.get("area"),
        delivered_on=date.fromisoformat(session["delivered_on"]),
        attended_team_ids=session["attended_team_ids"], attendees=len(session["attendee_ids"]))
