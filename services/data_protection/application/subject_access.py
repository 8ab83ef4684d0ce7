"""Subject access requests: recording one, moving it on, and gathering its bundle from every
service's GET /personal-data/subjects/{kind}/{reference} (shared/personal_data/erasure_api.py)
with the officer's own token, so each service checks the officer's role itself."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx

from ..domain.subject_access import Progress, StepRefused, SubjectKind, due_date, next_step
from ..domain.subject_access import third_party
from ..domain.bundle_review import ReviewRefused, decide
from .deps import Deps

SERVICES = ("audit_capture", "feedback_ingestion", "action_tracking", "reporting", "learning")
LINK_PASSES = 4  # a child's audit, its action, the action's alert: three links at most


class UnknownRequest(LookupError):
    pass


class ServiceDidNotAnswer(RuntimeError):
    """A service could not be asked: the bundle would be incomplete, so none is kept."""


async def record_request(deps: Deps, *, kind: SubjectKind, reference: str, received_on: date,
                         recorded_by: str) -> dict[str, Any]:
    request = {"_id": uuid.uuid4().hex, "kind": kind, "reference": reference.strip(),
               "received_on": received_on.isoformat(),
               "due_on": due_date(received_on).isoformat(),
               "progress": Progress.RECEIVED.value, "recorded_by": recorded_by,
               "history": [{"progress": Progress.RECEIVED.value, "at": deps.clock.now()}]}
    await deps.subject_access.add(request)
    return request


async def open_request(deps: Deps, request_id: str) -> dict[str, Any]:
    request = await deps.subject_access.get(request_id)
    if request is None:
        raise UnknownRequest(request_id)
    return request


async def move_on(deps: Deps, request_id: str, wanted: Progress) -> dict[str, Any]:
    request = await open_request(deps, request_id)
    if wanted is Progress.REVIEW and await deps.subject_access.bundle(request_id) is None:
        raise StepRefused("Gather the bundle before it is reviewed.")
    step = next_step(Progress(request["progress"]), wanted)
    if not await deps.subject_access.set_progress(request_id, was=request["progress"],
                                                  now=step.value, at=deps.clock.now()):
        raise StepRefused("The request was moved on meanwhile: open it again.")
    return await open_request(deps, request_id)


async def gather_bundle(deps: Deps, request_id: str, *, token: str) -> dict[str, Any]:
    """Everything every service holds about the subject, with what names other people
    marked for review; the request moves to `gathering` if it was just received."""
    request = await open_request(deps, request_id)
    kind, reference = request["kind"], request["reference"]
    held: dict[str, Any] = {}
    records: set[str] = set()
    async with httpx.AsyncClient(timeout=30,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
        # Records filed under another record's id (an action under its audit's) are found on
        # a later pass, with the ids every service named; done when no new id turns up.
        for _ in range(LINK_PASSES):
            named = set(records)
            for service in SERVICES:
                answer = await _ask(client, deps, service, kind, reference, sorted(records))
                held[service] = answer.get("held", {})
                named.update(answer.get("records", []))
            if named == records:
                break
            records = named
    bundle = {"request_id": request_id, "kind": kind, "reference": reference,
              "gathered_at": deps.clock.now(), "held": held,
              "third_party": {service: third_party(found, kind=kind, reference=reference)
                              for service, found in held.items()}}
    await deps.subject_access.keep_bundle(request_id, bundle)
    if request["progress"] == Progress.RECEIVED.value:
        await move_on(deps, request_id, Progress.GATHERING)
    return bundle


async def _ask(client: httpx.AsyncClient, deps: Deps, service: str, kind: str, reference: str,
               records: list[str]) -> dict[str, Any]:
    url = f"{deps.settings.api_url(service)}/personal-data/subjects/{kind}/{reference}"
    try:
        answer = await client.get(url, params={"record": records})
        answer.raise_for_status()
    except httpx.HTTPError as error:
        raise ServiceDidNotAnswer(f"{service} did not answer ({type(error).__name__})") from None
    return answer.json()


async def open_bundle(deps: Deps, request_id: str) -> dict[str, Any] | None:
    await open_request(deps, request_id)
    return await deps.subject_access.bundle(request_id)


async def review_item(deps: Deps, request_id: str, *, service: str, path: str, decision: str,
                      reason: str, by: str) -> dict[str, Any]:
    """Release or withhold one third-party item of the request's bundle (ReviewRefused in
    words otherwise); the bundle with its decisions."""
    bundle = await open_bundle(deps, request_id)
    if bundle is None:
        raise ReviewRefused({"path": "Gather the bundle before it is reviewed."})
    decided = decide(bundle, service=service, path=path, decision=decision, reason=reason)
    await deps.subject_access.keep_review(request_id, {**decided, "by": by,
                                                       "at": deps.clock.now()})
    return await open_bundle(deps, request_id) or bundle
