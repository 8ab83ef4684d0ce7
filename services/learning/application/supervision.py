"""What the supervision pages need beyond the session itself: whom the signed-in manager
supervises, and what of a supervisee's records a session can discuss, each by what a person
reads (an audit by its month, case reference and grade; an action by what it says)."""

from __future__ import annotations

from typing import Any

from shared.auth import Principal

from ..domain import learn
from ..domain.refusals import NotAllowed
from .deps import Deps


async def supervisees(deps: Deps, who: Principal) -> list[dict[str, Any]]:
    """The people the signed-in manager supervises (their line reports, and for a head of
    service the team managers of their teams without a line manager), active ones only."""
    found = {p["_id"]: p for p in [*await deps.directory.reporting_to(who.subject),
                                   *await deps.directory.without_line_manager(who.subject)]}
    teams = {t: await deps.directory.team(t) or {} for t in
             {p.get("team_id") for p in found.values() if p.get("team_id")}}
    return sorted((p for p in found.values() if p.get("active", True)
                   and learn.supervisor_of(p, teams) == who.subject),
                  key=lambda p: (p.get("display_name") or "", p["_id"]))


async def discussable(deps: Deps, who: Principal, supervisee_id: str) -> dict[str, Any]:
    """The supervisee and what a session with them can discuss; NotAllowed unless the
    signed-in person supervises them."""
    person = next((p for p in await supervisees(deps, who) if p["_id"] == supervisee_id), None)
    if person is None:
        raise NotAllowed("only a person's line manager (or, for a team manager without one, "
                         "their head of service) records their supervision")
    audits = {r["_id"]: r for r in await deps.results.of_worker(supervisee_id)}
    if person.get("job_role") == "team_manager":  # their team's audits, copied to them
        audits |= {r["_id"]: r for r in await deps.results.copied_to(supervisee_id)}
    actions = await deps.meeting_actions.owned_by(supervisee_id)
    seen = await deps.practice_observations.of_worker(supervisee_id)
    return {"person": person,
            "audits": [{"id": r["_id"], "title": audit_title(r)} for r in audits.values()],
            "observations": [{"id": o["_id"], "kind": _kind(o), "title": observation_title(o)}
                             for o in reversed(seen)],
            "actions": [{"id": a["_id"], "title": action_title(a)} for a in actions]}


def _kind(observation: dict[str, Any]) -> str:
    return "checklist" if observation["kind"] == "checklist" else "observation"


def observation_title(o: dict[str, Any]) -> str:
    if o["kind"] == "checklist":
        grade = f", quality {o['grade'].replace('_', ' ')}" if o.get("grade") else ""
        return f"Conference chair's checklist, {o['on']}{grade}"
    return f"Practice observation ({o['kind'].replace('_', ' ')}), {o['on']}"


def audit_title(result: dict[str, Any]) -> str:
    case = f", case {result['case_ref']}" if result.get("case_ref") else ""
    return (f"Audit {result['month']}{case}: overall "
            f"{result['overall_grade'].replace('_', ' ')}")


def action_title(action: dict[str, Any]) -> str:
    return (f"{action['description']} (due {action['due_date']}, "
            f"{action.get('status', 'open').replace('_', ' ')})")


async def title(deps: Deps, discussed: dict[str, Any], supervisee_id: str = "") -> str:
    """What a discussed item is called on a page; its kind and id when learning does not
    hold it (an observation of someone other than the supervisee, say)."""
    if discussed["kind"] == "audit" and (result := await deps.results.get(discussed["id"])):
        return audit_title(result)
    if discussed["kind"] == "action" and (action := await deps.meeting_actions.get(discussed["id"])):
        return action_title(action)
    if discussed["kind"] in ("observation", "checklist") and supervisee_id:
        for o in await deps.practice_observations.of_worker(supervisee_id):
            if o["_id"] == discussed["id"]:
                return observation_title(o)
    return f"{discussed['kind'].capitalize()} {discussed['id']}"


async def sessions(deps: Deps, who: Principal) -> dict[str, list[dict[str, Any]]]:
    """The signed-in person's sessions: those they held and those about them."""
    mine = await deps.supervisions.of_person(who.subject)
    newest = sorted(mine, key=lambda s: (s["held_on"], s["_id"]), reverse=True)
    return {"held": [s for s in newest if s["supervisor_id"] == who.subject],
            "received": [s for s in newest if s["supervisee_id"] == who.subject]}


async def next_steps(deps: Deps, session: dict[str, Any]) -> dict[str, str]:
    """What action tracking says became of each of a session's next steps, by step key (a
    tracked action is matched by what it says, whose it is and when it is due)."""
    tracked = {(a["description"], a["owner_id"], a["due_date"]): a.get("status", "open")
               for a in await deps.meeting_actions.of_meeting(session["_id"])}
    return {step["key"]: tracked[found] for step in session.get("actions", [])
            if (found := (step["description"], step["owner_id"], step["due_date"])) in tracked}
