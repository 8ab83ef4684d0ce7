"""The biannual staff briefing sheet's lessons: stored with their event in one document per
half-year, then published (as the head of quality's monthly sign-off is)."""

from __future__ import annotations

import uuid
from typing import Any

from schemas.briefing import StaffBriefingPublished
from shared.envelope import utc_now
from shared.kafka import EventPublisher
from shared.outbox import Outbox, VersionConflict

STAFF_BRIEFING_COMMANDS = "staff_briefing_commands"


class StaffBriefings:
    def __init__(self, outbox: Outbox, publisher: EventPublisher) -> None:
        self.outbox = outbox
        self.publisher = publisher

    async def publish(self, half: str, *, by: str, lessons: list[str]) -> dict[str, Any]:
        """Publish (again) a half-year's lessons: each time a new revision replacing the last."""
        for _ in range(3):  # a concurrent publication of the same half: read again and retry
            current = await self.outbox.store.db[STAFF_BRIEFING_COMMANDS].find_one({"_id": half})
            revision = (current or {}).get("revision", 0) + 1
            event = StaffBriefingPublished(half=half, lessons=lessons, published_by=by,
                                           published_at=utc_now(), revision=revision)
            envelope = self.publisher.envelope(event, correlation_id=str(uuid.uuid4()))
            state = {"revision": revision, "published_by": by}
            try:
                if current is None:
                    await self.outbox.insert(STAFF_BRIEFING_COMMANDS, {"_id": half, **state},
                                             [(event, envelope)])
                else:
                    await self.outbox.update(STAFF_BRIEFING_COMMANDS, half,
                                             expected_version=current["version"],
                                             changes=state, events=[(event, envelope)])
            except VersionConflict:
                continue
            published = await self.outbox.flush(STAFF_BRIEFING_COMMANDS, half)
            return {"half": half, "revision": revision, "published": published}
        raise VersionConflict(f"the {half} briefing sheet is being published by someone else")
