"""Recording every read of personal data by a person, on `qa.access` (the access log).

A route that shows a child's or a colleague's personal data declares it in its signature:

    reads: Reads = Depends(records_reads)
    ...
    await reads.child(who, audit["case_ref"], record_id=audit_id)

so which routes read personal data is visible in each route's definition (and a test lists
them). The dependency also takes the optional `purpose` a page asks for (a fixed list:
schemas/access.py). The entry is acknowledged by Kafka before the page or answer is sent:
a read that cannot be logged is not shown (503, like any write while Kafka is down)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from fastapi import HTTPException, Query, Request, status

from schemas.access import PURPOSES, PersonalDataRead, Purpose, SubjectKind
from shared.auth import Principal
from shared.envelope import utc_now
from shared.http import current_correlation_id
from shared.kafka import BrokerUnavailable

from .pseudonyms import Pseudonyms

PURPOSE_HELP = "Why the record is read: " + "; ".join(f"{k} ({v})" for k, v in PURPOSES.items())


class Reads:
    """The reads of one request, recorded as the route names each subject it shows."""

    def __init__(self, request: Request, purpose: Purpose | None) -> None:
        self.request = request
        self.purpose = purpose

    async def child(self, who: Principal, case_ref: str | None, *,
                    record_id: str | None = None) -> None:
        await self.children(who, [(case_ref, record_id)])

    async def staff(self, who: Principal, person_id: str | None, *,
                    record_id: str | None = None) -> None:
        await self._record(who, [("staff", person_id, record_id)])

    async def children(self, who: Principal,
                       shown: Iterable[tuple[str | None, str | None]]) -> None:
        """A list's reads: (case reference, record id) of each child shown, one entry each,
        sent together."""
        await self._record(who, [("child", ref, record_id) for ref, record_id in shown])

    async def _record(self, who: Principal,
                      shown: list[tuple[SubjectKind, str | None, str | None]]) -> None:
        runtime = self.request.app.state.runtime
        route = getattr(self.request.scope.get("route"), "path", self.request.url.path)
        pseudonyms, publisher = _pseudonyms(self.request), runtime.publisher
        events = []
        for kind, reference, record_id in shown:
            if not reference:  # nothing about a subject shown (an erased or empty field)
                continue
            entry_id = str(uuid.uuid4())
            data = PersonalDataRead(
                entry_id=entry_id, reader_id=who.subject, reader_roles=sorted(who.roles),
                subject_kind=kind, subject_pseudonym=pseudonyms.of(kind, reference),
                service=runtime.settings.service_name, what=f"{self.request.method} {route}",
                record_id=record_id, purpose=self.purpose, read_at=utc_now())
            events.append((data.topic, publisher.envelope(
                data, correlation_id=current_correlation_id(), event_id=entry_id)))
        if len(events) == 1:
            await publisher.publish(events[0][1], events[0][0])
        elif events and not await publisher.publish_many(events):
            raise BrokerUnavailable("the access log could not be written")

    def page_context(self) -> dict[str, object]:
        """What shared/web/templates/_purpose.html needs to ask for the purpose."""
        return {"purposes": list(PURPOSES.items()), "purposes_by_value": PURPOSES,
                "purpose": self.purpose}


def records_reads(request: Request, purpose: str | None = Query(
        None, description=PURPOSE_HELP)) -> Reads:
    """Dependency of every route that shows personal data: see the module's docstring. An
    empty purpose is none given (the page's "Choose a purpose")."""
    if purpose and purpose not in PURPOSES:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=[{
            "loc": ["query", "purpose"], "type": "value_error",
            "msg": "Choose the purpose from the list: " + ", ".join(PURPOSES.values())}])
    return Reads(request, purpose or None)  # type: ignore[arg-type] - checked above


def _pseudonyms(request: Request) -> Pseudonyms:
    state = request.app.state
    if getattr(state, "pseudonyms", None) is None:
        state.pseudonyms = Pseudonyms.from_settings(state.runtime.settings)
    return state.pseudonyms


def declares_reads(route: object) -> bool:
    """Whether a route declares `records_reads` (for the tests that list them)."""
    dependant = getattr(route, "dependant", None)
    stack = list(dependant.dependencies) if dependant else []
    while stack:
        dependency = stack.pop()
        if dependency.call is records_reads:
            return True
        stack.extend(dependency.dependencies)
    return False
