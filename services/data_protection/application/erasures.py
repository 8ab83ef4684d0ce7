"""Erasing a data subject: holds checked, the subject known, their keys destroyed and the
event published, then every service asked to blank what it holds (retried until each has
confirmed), and the keys of the records about them destroyed as the services name them."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from pymongo.errors import PyMongoError

from schemas import topics
from schemas.privacy import SubjectErased
from shared.envelope import utc_now

from ..domain.erasures import (HoldsNotKnown, RequestErasure, UnderLegalHold, UnknownSubject,
                               pending)
from .deps import Deps
from .holds import holds_covering, holds_over_records

log = logging.getLogger(__name__)
OWN = "data_protection"  # its subject access bundles: emptied, like the services' copies


async def check(deps: Deps, command: RequestErasure) -> list[str]:
    """Whether the erasure may go ahead (UnderLegalHold, UnknownSubject otherwise), changing
    nothing: the services it will ask, for the page's confirmation step."""
    subject, reference = command.subject, command.reference.strip()
    if held := await holds_covering(deps, subject):
        raise UnderLegalHold(held)
    if not await deps.personal.keyring.knows(subject):
        raise UnknownSubject(f"No personal data is held for {command.kind} "
                             f"{reference!r}: nothing was changed.")
    over_records, unanswered = await holds_over_records(deps, command.kind, reference)
    if over_records:
        raise UnderLegalHold(over_records)
    if unanswered:
        raise HoldsNotKnown(unanswered)
    return answering(deps)


async def request(deps: Deps, command: RequestErasure, *, requested_by: str) -> dict[str, Any]:
    await check(deps, command)
    erasure = {"_id": str(uuid.uuid4()), "kind": command.kind,
               "reference": command.reference.strip(), "reason": command.reason,
               "requested_by": requested_by, "requested_at": utc_now(), "confirmed": {},
               "key_ids": []}
    await deps.erasures.add(erasure)
    await _destroy(deps, erasure, [command.subject])
    await confirm_pending(deps, erasure["_id"])
    return await deps.erasures.get(erasure["_id"])


async def _destroy(deps: Deps, erasure: dict[str, Any], subjects: list[str]) -> None:
    key_ids = [kid for s in subjects for kid in await deps.personal.keyring.erase(s)]
    if not key_ids:
        return
    await deps.erasures.add_keys(erasure["_id"], key_ids)
    event = SubjectErased(erasure_id=erasure["_id"], subject_kind=erasure["kind"],
                          subject_pseudonym=deps.pseudonyms.of(erasure["kind"],
                                                               erasure["reference"]),
                          key_ids=key_ids, erased_at=utc_now())
    await deps.publisher.publish(
        deps.publisher.envelope(event, correlation_id=erasure["_id"]), topics.PRIVACY)


async def confirm_pending(deps: Deps, erasure_id: str) -> list[str]:
    """Ask each service that has not confirmed, with the ids of every record about the
    subject named so far, and again while the answers name new ones: records filed under
    another record's id (an action under its audit's, reporting's moderation facts) are
    about the subject too, as the subject access bundle gathers them. The services still
    pending."""
    services = answering(deps)
    while True:
        erasure = await deps.erasures.get(erasure_id)
        records = sorted(erasure.get("records", []))
        named: set[str] = set()
        for service in pending(erasure, services):
            if service == OWN:
                await _empty_own(deps, erasure, records)
                continue
            named |= await _ask(deps, erasure, service, records)
        if not named - set(records):
            break
        await deps.erasures.add_records(erasure_id, sorted(named - set(records)))
    left = pending(await deps.erasures.get(erasure_id), services)
    if not left:
        await deps.erasures.finished(erasure_id)
    return left


async def _ask(deps: Deps, erasure: dict[str, Any], service: str, records: list[str]
               ) -> set[str]:
    """One service blanks the subject and the records named; the records it names back."""
    try:
        answer = await deps.calls.erase(service, erasure["kind"], erasure["reference"],
                                        records=records)
    except Exception as error:  # noqa: BLE001 - any failure: asked again later
        log.warning("erasure not yet confirmed", extra={"service": service,
                                                        "error": type(error).__name__})
        return set()
    found = answer.get("records", [])
    await _destroy(deps, erasure, [f"record:{r}" for r in found])
    await deps.erasures.confirmed(erasure["_id"], service, {
        "blanked": answer.get("blanked", 0), "at": utc_now(), "with_records": len(records)})
    return set(found)


def answering(deps: Deps) -> list[str]:
    """Who must confirm an erasure: every service it asks, and data protection itself."""
    return [*sorted(deps.calls.urls), OWN]


async def _empty_own(deps: Deps, erasure: dict[str, Any], records: list[str]) -> None:
    """Data protection's own copies: the subject access bundles gathered about them."""
    try:
        emptied = await deps.subject_access.empty_bundles(
            erasure["kind"], erasure["reference"], erasure_id=erasure["_id"], at=utc_now())
    except PyMongoError as error:
        log.warning("erasure not yet confirmed", extra={"service": OWN,
                                                        "error": type(error).__name__})
        return
    await deps.erasures.confirmed(erasure["_id"], OWN, {
        "blanked": emptied, "at": utc_now(), "with_records": len(records)})


async def run_confirmations(deps: Deps, *, most_seconds: float = 60.0) -> None:
    """Background: ask again, with backoff, until every erasure is confirmed everywhere."""
    wait = 1.0
    while True:
        unfinished = await deps.erasures.unfinished()
        for erasure in unfinished:
            await confirm_pending(deps, erasure["_id"])
        wait = 1.0 if not unfinished else min(wait * 2, most_seconds)
        await asyncio.sleep(wait)
