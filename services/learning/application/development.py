"""The learning and development programme: what it can take in (the monthly findings'
headline themes, themes clinics escalated, good practice acknowledged in moderation), its
items with their target, sessions and attendance, and for each item the audit grades of
the teams that attended, before the first session beside after."""

from __future__ import annotations

import uuid
from typing import Any

from shared.auth import Principal
from shared.england_time import england_day
from shared.http import current_correlation_id

from ..domain import development as rules
from ..domain.development import CreateItem, DeliverSession, ScheduleSession
from . import themes
from .deps import Deps


async def sources(deps: Deps) -> list[dict[str, Any]]:
    """Findings and outstanding practice the programme can take in, newest first."""
    found = [{"kind": "finding", "ref": f"findings {f['_id']}", "text": theme}
             for f in await deps.findings.latest(6) for theme in f.get("headline_themes", [])]
    found += [{"kind": "escalated_theme", "ref": t["key"], "text": t["text"]}
              for t in reversed(await themes.escalated(deps))][:20]
    found += [{"kind": "good_practice", "ref": g["audit_id"],
               "text": g.get("note") or f"Good practice in audit {g['audit_id']} ({g['month']})"}
              for g in await deps.good_practice.newest()]
    return found


async def create(deps: Deps, command: CreateItem, who: Principal) -> dict[str, Any]:
    document = rules.decide_item(command, teams=await deps.directory.active_teams(),
                                 by=who.subject, now=deps.clock.now().isoformat(),
                                 new_id=f"ld-{uuid.uuid4().hex[:12]}")
    await deps.development.create(document, [], correlation_id=current_correlation_id())
    return await item(deps, document["_id"]) or document


async def schedule(deps: Deps, item_id: str, command: ScheduleSession) -> dict[str, Any] | None:
    found = await deps.development.get(item_id)
    if found is None:
        return None
    sessions = rules.decide_session(found, command, new_id=f"s-{uuid.uuid4().hex[:8]}")
    await deps.development.change(found, {"sessions": sessions}, [],
                                  correlation_id=current_correlation_id())
    return await item(deps, item_id)


async def deliver(deps: Deps, item_id: str, session_id: str,
                  command: DeliverSession) -> dict[str, Any] | None:
    found = await deps.development.get(item_id)
    if found is None or session_id not in {s["session_id"] for s in found["sessions"]}:
        return None
    people = {p: person for p in dict.fromkeys(command.attendee_ids)
              if (person := await deps.directory.person(p))}
    sessions = rules.decide_delivery(found, session_id, command, people=people,
                                     today=england_day(deps.clock.now()))
    delivered = rules.session_delivered({**found, "sessions": sessions}, session_id)
    await deps.development.change(found, {"sessions": sessions}, [delivered],
                                  correlation_id=current_correlation_id())
    return await item(deps, item_id)


async def programme(deps: Deps) -> list[dict[str, Any]]:
    return [await _with_results(deps, i) for i in await deps.development.newest()]


async def item(deps: Deps, item_id: str) -> dict[str, Any] | None:
    found = await deps.development.get(item_id)
    return await _with_results(deps, found) if found else None


async def _with_results(deps: Deps, found: dict[str, Any]) -> dict[str, Any]:
    """The attending teams' overall grades in the months before the first session beside
    those after (the session's own month in neither)."""
    first_month, team_ids = rules.attended(found)
    if first_month is None or not team_ids:
        return {**found, "attended_team_ids": team_ids, "results": None}
    (b_from, b_to), (a_from, a_to) = rules.comparison_window(first_month)
    before = await deps.results.of_teams(team_ids, from_month=b_from, to_month=b_to)
    after = await deps.results.of_teams(team_ids, from_month=a_from, to_month=a_to)
    def grades(rows: list[dict[str, Any]], team: str | None = None) -> list[str]:
        return [r["overall_grade"] for r in rows if team in (None, r["team_id"])]

    by_team = [{"team_id": t, **rules.compare(grades(before, t), grades(after, t))}
               for t in team_ids]
    return {**found, "attended_team_ids": team_ids,
            "results": {**rules.compare(grades(before), grades(after)), "by_team": by_team,
                        "first_month": first_month, "before_months": [b_from, b_to],
                        "after_months": [a_from, a_to]}}
