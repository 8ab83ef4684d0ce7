"""The practice learning team's work: its queue of shared observations and audit outcomes
(filled from qa.observation and qa.audit), each marked reviewed with a note and shown with
what followed (the worker's next audit and observation); and the annual review of each
worker's observations."""

from __future__ import annotations

import uuid
from typing import Any

from schemas.audit import AuditResultsShared
from schemas.observation import ConferenceChecklistRecorded, PracticeObservationRecorded
from shared.auth import Principal
from shared.england_time import england_day
from shared.envelope import Envelope
from shared.http import current_correlation_id

from ..domain import practice_learning as rules
from ..domain.practice_learning import MarkReviewed, RecordAnnualReview
from .deps import Deps


async def on_practice_observation(deps: Deps, event: PracticeObservationRecorded,
                                  envelope: Envelope) -> None:
    observation = rules.observation_seen(event)
    await deps.practice_observations.keep(observation)
    if item := rules.queued_observation(observation):
        await deps.plt_queue.enqueue_once(item)


async def on_checklist(deps: Deps, event: ConferenceChecklistRecorded,
                       envelope: Envelope) -> None:
    await deps.practice_observations.keep(rules.checklist_seen(event))


async def on_results_shared(deps: Deps, event: AuditResultsShared, envelope: Envelope) -> None:
    await deps.plt_queue.enqueue_once(rules.queued_audit(event))


async def queue(deps: Deps) -> dict[str, Any]:
    """Items to review, newest first; those reviewed with what followed for the worker."""
    reviewed = await deps.plt_queue.with_status("reviewed", limit=200)
    history: dict[str, tuple[list, list]] = {}
    for item in reviewed:
        worker = item["worker_id"]
        if worker not in history:
            history[worker] = (await deps.results.of_worker(worker),
                               await deps.practice_observations.of_worker(worker))
        audits, observations = history[worker]
        item["followed"] = rules.what_followed(item, audits=audits, observations=observations)
    return {"to_review": await deps.plt_queue.with_status("to_review"), "reviewed": reviewed}


async def mark_reviewed(deps: Deps, item_id: str, command: MarkReviewed,
                        who: Principal) -> dict[str, Any] | None:
    item = await deps.plt_queue.get(item_id)
    if item is None:
        return None
    changes = rules.decide_reviewed(item, command, by=who.subject, now=deps.clock.now())
    await deps.plt_queue.change(item, changes, [], correlation_id=current_correlation_id())
    return await deps.plt_queue.get(item_id)


async def annual_reviews(deps: Deps) -> list[dict[str, Any]]:
    """Every worker observed, with when their annual review is due, the most overdue first."""
    last = await deps.annual_reviews.last_per_worker()
    workers = [{"worker_id": w["_id"], "first_observed_on": w["first_observed_on"],
                "observations": w["observations"], "last_reviewed_on": last.get(w["_id"])}
               for w in await deps.practice_observations.per_worker()]
    return rules.review_list(workers, today=england_day(deps.clock.now()))


async def record_annual_review(deps: Deps, command: RecordAnnualReview,
                               who: Principal) -> dict[str, Any]:
    observed = bool(await deps.practice_observations.of_worker(command.worker_id))
    document = rules.decide_annual_review(command, observed=observed,
                                          today=england_day(deps.clock.now()), by=who.subject,
                                          new_id=f"review-{uuid.uuid4().hex[:12]}")
    document["recorded_at"] = deps.clock.now().isoformat()
    await deps.annual_reviews.create(document, [], correlation_id=current_correlation_id())
    return document
