"""Feeding the deadline loop: actions (from this service's own qa.action events, so a
crash between storing an action and registering its deadline loses nothing), audit windows
(cleared when the audit is submitted) and complaint stages (cleared when responded to)."""

from __future__ import annotations

from schemas.action import ActionAssigned, ActionDueDateChanged, ActionRaised, ActionStatus
from schemas.action import ActionStatusChanged
from schemas.audit import AuditSubmitted
from schemas.complaint import ComplaintRecorded
from schemas.programme import CaseAllocated
from shared.envelope import Envelope, derived_id

from .deps import Deps

OPEN_STATUSES = {ActionStatus.OPEN, ActionStatus.IN_PROGRESS}
ACKNOWLEDGEMENT = "acknowledgement"  # an urgent action's: escalated if not acknowledged


def case_key(month: str, case_ref: str) -> str:
    return f"case:{derived_id('case', month, case_ref)}"  # no case reference stored


async def on_action_raised(deps: Deps, event: ActionRaised, envelope: Envelope) -> None:
    await deps.deadlines.register(
        about="action", about_id=event.action_id, due_on=event.due_date,
        team_id=event.team_id, owner_id=event.owner_id, now=deps.clock.now(),
        # An urgent action's due-soon moment has passed as it is raised: its own alert and
        # the acknowledgement deadline say it all.
        quiet=event.recorded_past or event.urgent, status=ActionStatus.OPEN.value)
    if event.urgent and event.acknowledge_by is not None:
        await deps.deadlines.register_acknowledgement(
            event.action_id, event.acknowledge_by, team_id=event.team_id,
            owner_id=event.owner_id)
    deps.wake_deadline_loop()
    await show_action_counts(deps)


async def on_action_assigned(deps: Deps, event: ActionAssigned, envelope: Envelope) -> None:
    for about in ("action", ACKNOWLEDGEMENT):
        await deps.deadlines.update_people(about, event.action_id,
                                           owner_id=event.owner_id, team_id=event.team_id)


async def on_action_due_date_changed(deps: Deps, event: ActionDueDateChanged,
                                     envelope: Envelope) -> None:
    """A new date agreed: the action's alerts follow it (those of the old date are done).
    One agreed in history loaded afterwards raises none already due when it was recorded."""
    await deps.deadlines.register(
        about="action", about_id=event.action_id, due_on=event.due_date,
        team_id=event.team_id, owner_id=event.owner_id, now=deps.clock.now(),
        quiet=event.recorded_past)
    deps.wake_deadline_loop()


async def on_action_status_changed(deps: Deps, event: ActionStatusChanged,
                                   envelope: Envelope) -> None:
    if await deps.deadlines.set_action_status(event.action_id, event.status.value,
                                              is_open=event.status in OPEN_STATUSES):
        await show_action_counts(deps)
    if event.status != ActionStatus.OPEN:  # acknowledged, or worked on: no escalation
        await deps.deadlines.set_open(ACKNOWLEDGEMENT, event.action_id, False)
    deps.wake_deadline_loop()


async def show_action_counts(deps: Deps) -> None:
    """The actions gauges right after an event changed them (read from the counters)."""
    async with deps.gauges_lock:
        counts = await deps.deadlines.action_counts()
        for status in ActionStatus:
            deps.metrics.actions.labels(status.value).set(counts.get(status.value, 0))


async def backfill_action_statuses(deps: Deps) -> None:
    """Once per store: the statuses of actions recorded before deadlines held them, counted
    (set_action_status counts only real changes, so running it again changes nothing)."""
    if await deps.deadlines.backfilled():
        return
    async for action_id, status in deps.actions.statuses():
        await deps.deadlines.set_action_status(
            action_id, status, is_open=ActionStatus(status) in OPEN_STATUSES)
    await deps.deadlines.mark_backfilled()


async def on_case_allocated(deps: Deps, event: CaseAllocated, envelope: Envelope) -> None:
    keys = [f"allocation:{event.allocation_id}", case_key(event.month, event.case_ref)]
    if getattr(event, "audit_id", None):
        keys.append(f"audit:{event.audit_id}")
    await deps.deadlines.register(
        about="audit_window", about_id=event.allocation_id, due_on=event.deadline,
        team_id=event.team_id, owner_id=event.auditor_ids[0], now=deps.clock.now(),
        match_keys=keys)
    deps.wake_deadline_loop()


async def on_audit_submitted(deps: Deps, event: AuditSubmitted, envelope: Envelope) -> None:
    keys = [f"audit:{event.audit_id}", case_key(event.month, event.case_ref)]
    if getattr(event, "allocation_id", None):
        keys.append(f"allocation:{event.allocation_id}")
    for key in keys:
        await deps.deadlines.clear_matching(key)


async def on_complaint_recorded(deps: Deps, event: ComplaintRecorded,
                                envelope: Envelope) -> None:
    for stage in event.stages:
        about_id = f"{event.complaint_id}-stage-{stage.stage}"
        await deps.deadlines.register(
            about="complaint_stage", about_id=about_id,
            due_on=stage.extended_due_on or stage.due_on, team_id=event.team_id,
            owner_id=None, now=deps.clock.now())
        if stage.responded_on is not None:
            await deps.deadlines.set_open("complaint_stage", about_id, False)
    deps.wake_deadline_loop()
