"""The retention job: ask every service to apply the schedule (or, in a dry run, to list what
it would do) with the legal holds in force, apply it to data protection's own access log,
and record the run with its `retention.run_recorded` event. A service that is down or
refuses is recorded with the reason, never a 500; a real run asks it again until it answers."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import date, time
from typing import Any

import httpx

from shared.england_time import england_day
from shared.personal_data.retention_sweep import apply_retention

from ..domain.holds import as_hold
from ..domain.retention_runs import (SCHEDULED_BY, answered, daily_run_due, daily_run_id, failed,
                                     is_finished, new_run, pending, recorded)
from .deps import Deps
from .holds import as_sent

log = logging.getLogger(__name__)
OWN = "data_protection"  # the access log, swept in-process


async def start_run(deps: Deps, *, dry_run: bool, requested_by: str, correlation_id: str,
                    run_id: str | None = None) -> dict[str, Any]:
    now, holds = deps.clock.now(), await deps.holds.in_force()
    run = new_run(run_id=run_id or str(uuid.uuid4()), today=england_day(now), dry_run=dry_run,
                  requested_by=requested_by, at=now, holds=holds,
                  services=[*sorted(deps.retention_calls.urls), OWN])
    await _ask(deps, run, holds, pending(run))
    if is_finished(run):
        run["finished_at"] = deps.clock.now().isoformat()
    run["version"] = 1
    run["published"] = await deps.retention_runs.create(
        run, [recorded(run, at=deps.clock.now())], correlation_id=correlation_id)
    return run


async def retry_unfinished(deps: Deps) -> None:
    """Ask again every service a real run is still waiting for."""
    for run in await deps.retention_runs.unfinished_real_runs():
        holds = await deps.holds.in_force()
        services = {name: dict(done) for name, done in run["services"].items()}
        changed = {**run, "services": services}
        await _ask(deps, changed, holds, pending(run))
        changes: dict[str, Any] = {"services": services}
        if is_finished(changed):
            changes["finished_at"] = deps.clock.now().isoformat()
        await deps.retention_runs.change(run, changes, [recorded(changed, at=deps.clock.now())],
                                         correlation_id=run["_id"])


async def _ask(deps: Deps, run: dict[str, Any], holds: list[dict[str, Any]],
               services: list[str]) -> None:
    body = {"run_id": run["_id"], "today": run["today"], "dry_run": run["dry_run"],
            "holds": as_sent(holds)}
    for service in services:
        attempts = run["services"][service].get("attempts", 0) + 1
        try:
            kinds = (await _own(deps, body, holds) if service == OWN
                     else (await deps.retention_calls.apply(service, body))["kinds"])
            outcome = answered(kinds)
        except httpx.HTTPStatusError as refusal:
            outcome = failed(f"refused: {refusal.response.status_code} "
                             f"{refusal.response.text[:300]}")
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
            outcome = failed(f"did not answer ({type(error).__name__})")
        if not outcome["answered"]:
            log.warning("retention not applied yet", extra={"service": service,
                                                            "run_id": run["_id"]})
        run["services"][service] = {**run["services"][service], **outcome,
                                    "attempts": attempts}


async def _own(deps: Deps, body: dict[str, Any], holds: list[dict[str, Any]]) -> dict[str, Any]:
    outcome = await apply_retention(
        deps.database, deps.retained, schedule=deps.retention_schedule,
        holds=[as_hold(h) for h in holds], today=date.fromisoformat(body["today"]),
        dry_run=body["dry_run"])
    return {kind: o.as_dict() for kind, o in outcome.items()}


async def run_daily(deps: Deps) -> None:
    """Background: the day's real run once the day reaches its hour, and the retries."""
    at = time.fromisoformat(deps.settings.retention_daily_at)
    while True:
        try:
            await retry_unfinished(deps)
            now = deps.clock.now()
            if daily_run_due(now, at) and not await deps.retention_runs.real_run_for(
                    england_day(now).isoformat()):
                await start_run(deps, dry_run=False, requested_by=SCHEDULED_BY,
                                correlation_id=daily_run_id(england_day(now)),
                                run_id=daily_run_id(england_day(now)))
        except Exception as error:  # noqa: BLE001 - the loop must outlive any outage
            log.warning("retention job will try again", extra={"error": type(error).__name__})
        await asyncio.sleep(deps.settings.retention_check_seconds)


def rules(deps: Deps) -> list[dict[str, Any]]:
    return [{"kind": rule.kind.value, "period": str(rule.period), "counts_from": rule.counts_from,
             "disposal": rule.disposal.value, "source": rule.source}
            for rule in deps.retention_schedule.rules.values()]
