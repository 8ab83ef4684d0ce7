"""The access log: projecting each read from qa.access, and the officer's search."""

from __future__ import annotations

from typing import Any

from schemas.access import PersonalDataRead
from shared.envelope import Envelope

from ..domain.access_log import AccessSearch
from .deps import Deps


async def on_personal_data_read(deps: Deps, event: PersonalDataRead, envelope: Envelope) -> None:
    await deps.access_log.append({"_id": event.entry_id, **event.model_dump(),
                                  "correlation_id": envelope.correlation_id})


async def search_access_log(deps: Deps, search: AccessSearch) -> list[dict[str, Any]]:
    """SearchRefused for a search naming nobody; the subject typed is turned into the
    pseudonym the services recorded (the log holds no reference to match)."""
    search.check()
    subject = search.subject()
    return await deps.access_log.search(
        subject_pseudonym=deps.pseudonyms.of(*subject) if subject else None,
        reader_id=search.reader.strip() or None)
