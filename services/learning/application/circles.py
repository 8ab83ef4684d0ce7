"""Learning circles' use cases: the case list's child protection plans kept as they come,
the children proposed and the schedule on a day, a child proposed by hand, a circle
recorded with its actions (tracked by action tracking)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from schemas.circles import ChildProtectionPlan, ChildProtectionPlansListed
from shared.auth import Principal
from shared.england_time import england_day
from shared.envelope import Envelope
from shared.http import current_correlation_id

from ..domain import circles
from ..domain.circles import ProposeChild, RecordCircle
from .deps import Deps


async def on_plans_listed(deps: Deps, event: ChildProtectionPlansListed,
                          envelope: Envelope) -> None:
    await deps.cp_plans.listed(event)


async def proposals(deps: Deps, on: date) -> dict[str, Any]:
    """The children proposed on `on`, the schedule of circles for them, the circles held,
    and the CP cases the list gives no plan start date (which cannot be proposed)."""
    newest = await deps.cp_plans.newest() or {"plans": [], "month": None}
    plans = [ChildProtectionPlan(**p) for p in newest["plans"]]
    by_hand = {p["case_ref"]: p for p in await deps.cp_plans.proposals()}
    plans += [ChildProtectionPlan(**p) for ref, p in by_hand.items()
              if ref not in {plan.case_ref for plan in plans}]
    held = await deps.circles.latest()
    children = circles.proposed(plans, on=on, circled=await deps.circles.circled())
    last = date.fromisoformat(held[0]["held_on"]) if held else None
    return {"on": on.isoformat(), "list_month": newest["month"], "children": children,
            "schedule": circles.schedule(children, last_circle_on=last, on=on),
            "held": held,
            "without_start": [p.case_ref for p in plans if p.plan_start_date is None]}


async def propose(deps: Deps, command: ProposeChild) -> dict[str, Any]:
    plan = circles.decide_proposal(command, today=england_day(deps.clock.now()))
    document = {**plan.model_dump(mode="json"), "reason": command.reason}
    await deps.cp_plans.propose(document)
    return document


async def record_circle(deps: Deps, command: RecordCircle,
                        who: Principal) -> tuple[dict[str, Any], bool]:
    known = {a.owner_id for a in command.actions
             if await deps.directory.active_person(a.owner_id)}
    now = deps.clock.now()
    event = circles.decide_circle(command, by=who.subject, today=england_day(now), known=known,
                                  circle_id=f"circle-{uuid.uuid4().hex[:12]}", now=now)
    document = {"_id": event.circle_id, **event.model_dump(mode="json")}
    published = await deps.circles.create(document, [event],
                                          correlation_id=current_correlation_id())
    return document, published


def children_shown(found: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    """(case reference, circle id or None) of every child the proposals and circles name,
    once each, for the access log."""
    shown = {c["case_ref"]: None for c in found["children"]}
    shown |= {ref: None for ref in found["without_start"]}
    shown |= {h["case_ref"]: str(h.get("_id")) for h in found["held"]}
    return list(shown.items())
