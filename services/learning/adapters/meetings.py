"""Meetings (collection `meetings`): one document per meeting with its minutes, versions
and outbox; the queries the use cases name."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, DESCENDING

from schemas.learning import MeetingKind
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

from ..domain.meetings import HELD, SCHEDULED, SIGNED_OFF
from shared.aggregates import Aggregates

MEETINGS = "meetings"
CLINIC = MeetingKind.PERFORMANCE_CLINIC.value
INDEXES = [
    IndexSpec(MEETINGS, ascending("kind", "team_id", "held_on")),  # the last one held
    IndexSpec(MEETINGS, ascending("kind", "team_id", "status", "scheduled_for")),  # planned
    IndexSpec(MEETINGS, ascending("team_id", "scheduled_for")),  # a team's meetings
    IndexSpec(MEETINGS, ascending("kind", "scheduled_for")),  # a kind's meetings
    IndexSpec(MEETINGS, ascending("scheduled_for")),  # the latest of all
    # Themes clinics escalated, and the Forums that answered them.
    IndexSpec(MEETINGS, ascending("signed_outcomes.escalated_themes.theme_id")),
    IndexSpec(MEETINGS, ascending("answered_theme_keys")),
    IndexSpec(MEETINGS, ascending("kind", "held_on")),  # a kind's meetings held in a period
]


class Meetings(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, MEETINGS)

    async def listed(self, *, kind: str | None = None, team_id: str | None = None,
                     limit: int = 200) -> list[dict[str, Any]]:
        """The latest first, by the date they were scheduled for."""
        query = {k: v for k, v in (("kind", kind), ("team_id", team_id)) if v is not None}
        return await self._find(query, sort=[("scheduled_for", DESCENDING)], limit=limit)

    async def last_held(self, kind: str, team_id: str | None, *,
                        before: str) -> dict[str, Any] | None:
        """The last meeting of this kind (and team) held before `before` (ISO date)."""
        found = await self._find({"kind": kind, "team_id": team_id, "held_on": {"$lt": before},
                                  "status": {"$in": [HELD, SIGNED_OFF]}},
                                 sort=[("held_on", DESCENDING)], limit=1)
        return found[0] if found else None

    async def last_signed_clinic(self, team_id: str) -> dict[str, Any] | None:
        found = await self._find({"kind": CLINIC, "team_id": team_id, "status": SIGNED_OFF,
                                  "held_on": {"$exists": True}},
                                 sort=[("held_on", DESCENDING)], limit=1)
        return found[0] if found else None

    async def last_held_clinic(self, team_id: str) -> dict[str, Any] | None:
        found = await self._find({"kind": CLINIC, "team_id": team_id,
                                  "held_on": {"$exists": True}},
                                 sort=[("held_on", DESCENDING)], limit=1)
        return found[0] if found else None

    async def planned_clinic(self, team_id: str) -> dict[str, Any] | None:
        """The earliest clinic of the team scheduled and not yet held."""
        found = await self._find({"kind": CLINIC, "team_id": team_id, "status": SCHEDULED},
                                 sort=[("scheduled_for", ASCENDING)], limit=1)
        return found[0] if found else None

    async def escalating(self, limit: int = 5000) -> list[dict[str, Any]]:
        """Every signed-off meeting whose (latest) minutes escalated a theme."""
        return await self._find(
            {"signed_outcomes.escalated_themes.theme_id": {"$gt": ""}},
            sort=[("signed_outcomes.escalated_themes.theme_id", ASCENDING)], limit=limit)

    async def answering(self, keys: list[str]) -> list[dict[str, Any]]:
        """The signed-off meetings whose minutes answered any of these themes (`theme_key`)."""
        if not keys:
            return []
        return await self._find({"answered_theme_keys": {"$in": keys}, "status": SIGNED_OFF},
                                sort=[("answered_theme_keys", ASCENDING)], limit=len(keys) * 4)

    async def held_between(self, kind: str, first: str, last: str) -> list[dict[str, Any]]:
        """Meetings of a kind held from `first` to `last` (ISO dates), the earliest first."""
        return await self._find({"kind": kind, "held_on": {"$gte": first, "$lte": last}},
                                sort=[("kind", ASCENDING), ("held_on", ASCENDING)])
