"""The head of quality's sign-off: stored with its event in one document, then published."""

from __future__ import annotations

import uuid
from typing import Any

from schemas.briefing import BriefingSignedOff
from shared.envelope import utc_now
from shared.outbox import Outbox, VersionConflict
from shared.kafka import EventPublisher

SIGNOFF_COMMANDS = "briefing_signoff_commands"


class SignOffs:
    def __init__(self, outbox: Outbox, publisher: EventPublisher) -> None:
        self.outbox = outbox
        self.publisher = publisher

    async def sign_off(self, month: str, *, by: str, themes: list[str],
                       outstanding_practice: list[str], commentary: str) -> dict[str, Any]:
        """Sign off (again) for a month: each sign-off is a new revision replacing the last."""
        for _ in range(3):  # a concurrent sign-off of the same month: read again and retry
            current = await self.outbox.store.db[SIGNOFF_COMMANDS].find_one({"_id": month})
            revision = (current or {}).get("revision", 0) + 1
            event = BriefingSignedOff(month=month, themes=themes, commentary=commentary,
                                      outstanding_practice=outstanding_practice,
                                      signed_off_by=by, signed_off_at=utc_now(),
                                      revision=revision)
            envelope = self.publisher.envelope(event, correlation_id=str(uuid.uuid4()))
            state = {"revision": revision, "signed_off_by": by}
            try:
                if current is None:
                    await self.outbox.insert(SIGNOFF_COMMANDS, {"_id": month, **state},
                                             [(event, envelope)])
                else:
                    await self.outbox.update(SIGNOFF_COMMANDS, month,
                                             expected_version=current["version"],
                                             changes=state, events=[(event, envelope)])
            except VersionConflict:
                continue
            published = await self.outbox.flush(SIGNOFF_COMMANDS, month)
            return {"month": month, "revision": revision, "published": published}
        raise VersionConflict(f"{month} is being signed off by someone else")
