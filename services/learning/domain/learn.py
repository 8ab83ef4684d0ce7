"""The Learn stage's rules, pure: an audit's results delivered to the worker and their line
manager, the worker's reflection, reflective supervision (who may hold, read and sign it),
and the learning record as CPD evidence with the line manager's sign-off of each piece."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from schemas.audit import AuditModerated, AuditResultsShared, RaisedAction
from schemas.base import PersonalText
from schemas.learn import Discussed, EvidenceKind, EvidenceSignedOff, ReflectionRecorded
from schemas.learn import GoodPracticeAcknowledged, ResultsDelivered, SupervisionKind
from schemas.learn import SupervisionSignedOff
from shared.england_time import england_date
from shared.envelope import derived_id

from .refusals import Locked, NotAllowed, Refused

Person = dict[str, Any]


# --- results delivered ---------------------------------------------------------------

def deliver(shared: AuditResultsShared, manager_from_directory: str | None,
            now: datetime) -> tuple[dict[str, Any], ResultsDelivered]:
    """The worker gets the results and their line manager a copy: the manager named by audit
    capture, else the worker's line manager in learning's directory."""
    manager = shared.line_manager_id or manager_from_directory
    event = ResultsDelivered(
        audit_id=shared.audit_id, month=shared.month, team_id=shared.team_id,
        case_ref=shared.case_ref, social_worker_id=shared.social_worker_id,
        line_manager_id=manager, recipients=[shared.social_worker_id, *([manager] if manager else [])],
        overall_grade=shared.overall_grade, impact_grade=shared.impact_grade,
        completed_with_caseworker=shared.completed_with_caseworker, delivered_at=now)
    document = {"_id": shared.audit_id, **event.model_dump(mode="json"),
                "auditor_ids": shared.auditor_ids, "reflection": None, "moderation": None}
    return document, event


class RecordReflection(BaseModel):
    response: PersonalText = Field(min_length=1, max_length=4000,
                                   description="The worker's response to the results")
    reflection: PersonalText = Field(min_length=1, max_length=4000,
                                     description="What the worker takes from it into practice")


def decide_reflection(result: dict[str, Any], command: RecordReflection, *, by: str,
                      now: datetime) -> ReflectionRecorded:
    if result["social_worker_id"] != by:
        raise NotAllowed("only the case's social worker records their reflection")
    if result.get("reflection"):
        raise Locked("the reflection is recorded; talk it through in supervision instead")
    return ReflectionRecorded(audit_id=result["_id"], social_worker_id=by,
                              response=command.response, reflection=command.reflection,
                              recorded_at=now)


def with_caseworker(results: list[dict[str, Any]]) -> dict[str, int]:
    """How many of these audits were completed partly with the worker."""
    together = sum(1 for r in results if r.get("completed_with_caseworker"))
    return {"audits": len(results), "with_caseworker": together}


# --- who is above whom ---------------------------------------------------------------

def above(person_id: str, people: dict[str, Person], teams: dict[str, Person]) -> set[str]:
    """Everyone above a person: their line managers up the chain and their team's head of
    service (and the heads of service of their managers' teams)."""
    found: set[str] = set()
    current = people.get(person_id)
    while current is not None:
        head = (teams.get(current.get("team_id") or "") or {}).get("head_of_service_id")
        if head and head != current.get("_id"):
            found.add(head)
        manager = current.get("line_manager_id")
        if not manager or manager in found or manager == person_id:
            break
        found.add(manager)
        current = people.get(manager)
    found.discard(person_id)
    return found


def supervisor_of(person: Person, teams: dict[str, Person]) -> str | None:
    """Who supervises a person: their line manager, else their team's head of service."""
    head = (teams.get(person.get("team_id") or "") or {}).get("head_of_service_id")
    return person.get("line_manager_id") or (head if head != person.get("_id") else None)


# --- supervision -----------------------------------------------------------------------

class RecordSupervision(BaseModel):
    supervisee_id: str = Field(min_length=1, description="The worker or team manager supervised")
    held_on: date
    discussed: list[Discussed] = Field(default_factory=list, max_length=50)
    agreed: list[PersonalText] = Field(default_factory=list, max_length=50)
    actions: list[RaisedAction] = Field(default_factory=list, max_length=20)


def decide_supervision(command: RecordSupervision, *, supervisor: str, supervisee: Person | None,
                       teams: dict[str, Person], today: date, known: set[str],
                       new_id: str) -> dict[str, Any]:
    """A session is the supervisee's supervisor's to record: a worker with their line
    manager, a team manager with their head of service."""
    if supervisee is None:
        raise Refused("supervisee_id", f"{command.supervisee_id} is not in the directory")
    if supervisor_of(supervisee, teams) != supervisor:
        raise NotAllowed("only the supervisee's line manager (or head of service) records "
                         "their supervision")
    if command.held_on > today:
        raise Refused("held_on", "a supervision session cannot be recorded before it is held")
    for n, action in enumerate(command.actions):
        if action.owner_id not in known:
            raise Refused(f"actions.{n}.owner_id", f"{action.owner_id} is not in the directory")
    if len({a.key for a in command.actions}) != len(command.actions):
        raise Refused("actions", "each next step needs a key of its own")
    kind: SupervisionKind = ("team_manager" if supervisee.get("job_role") == "team_manager"
                             else "worker")
    return {"_id": new_id, "kind": kind, "supervisee_id": supervisee["_id"],
            "supervisor_id": supervisor, "status": "recorded",
            **command.model_dump(mode="json", exclude={"supervisee_id"})}


def decide_supervision_signoff(session: dict[str, Any], *, by: str,
                               now: datetime) -> SupervisionSignedOff:
    if session["supervisor_id"] != by:
        raise NotAllowed("only the supervisor signs the session off")
    if session["status"] == "signed_off":
        raise Locked("the session is signed off; record a new session to add to it")
    return SupervisionSignedOff(
        supervision_id=session["_id"], kind=session["kind"],
        supervisee_id=session["supervisee_id"], supervisor_id=session["supervisor_id"],
        held_on=session["held_on"], discussed=session["discussed"], agreed=session["agreed"],
        actions=session["actions"], signed_off_at=now)


def may_read(person_ids: set[str], who: str, people: dict[str, Person],
             teams: dict[str, Person]) -> bool:
    """The people themselves and those above any of them."""
    return who in person_ids or any(who in above(p, people, teams) for p in person_ids)


# --- the learning record as CPD evidence ---------------------------------------------

ACTIVITY = {"audit": "Audit of my practice (case audit)",
            "reflection": "Reflection on an audit of my practice",
            "audited": "Case audit I carried out as an auditor",
            "moderation": "Moderation outcome of an audit",
            "supervision": "Reflective supervision discussion",
            "observation": "Observation of my practice",
            "checklist": "Conference chair's checklist on my practice",
            "session": "Learning session attended (learning and development programme)"}
OBSERVED = {"practice": "Practice observation", "asye": "ASYE observation",
            "supervision": "Observed supervision"}


def learning_record(person_id: str, *, as_worker: list[dict[str, Any]],
                    as_auditor: list[dict[str, Any]], supervisions: list[dict[str, Any]],
                    signoffs: dict[tuple[str, str], dict[str, Any]],
                    observations: list[dict[str, Any]] = (),
                    sessions: list[dict[str, Any]] = (),
                    names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Each piece of evidence, shaped as CPD evidence for Social Work England (the
    activity, its date, what was learned or reflected, what it means for practice), with
    the line manager's sign-off if given. `names`: display names by person id, so a title
    names the other person of a supervision (an id the directory lacks stays as it is)."""
    pieces: list[dict[str, Any]] = []
    names = names or {}

    def piece(kind: str, piece_id: str, on: str, title: str, learning: str,
              practice: str) -> None:
        signed = signoffs.get((kind, piece_id))
        pieces.append({"kind": kind, "id": piece_id, "date": england_date(on),
                       "activity": ACTIVITY[kind], "title": title, "learning": learning,
                       "practice": practice,
                       "signed_by": signed and signed["signed_by"],
                       "signed_at": signed and england_date(signed["signed_at"]),
                       "sign_off_comment": signed and signed.get("comment", "")})

    for r in as_worker:
        worked = " (completed partly with me)" if r.get("completed_with_caseworker") else ""
        piece("audit", r["_id"], r["delivered_at"], f"Audit {r['month']}{worked}",
              f"Overall grade {r['overall_grade']}, impact for the child {r['impact_grade']}",
              "")
        if r.get("reflection"):
            piece("reflection", r["_id"], r["reflection"]["recorded_at"],
                  f"Reflection on audit {r['month']}", r["reflection"]["reflection"],
                  r["reflection"]["response"])
        if r.get("moderation"):
            _moderation(piece, r)
    for r in as_auditor:
        piece("audited", r["_id"], r["delivered_at"], f"Audit {r['month']} I carried out",
              f"Overall grade given {r['overall_grade']}", "")
        if r.get("moderation"):
            _moderation(piece, r)
    for s in supervisions:
        other = s["supervisor_id"] if s["supervisee_id"] == person_id else s["supervisee_id"]
        role = "supervised by" if s["supervisee_id"] == person_id else "supervising"
        piece("supervision", s["_id"], s["held_on"],
              f"Supervision ({role} {names.get(other, other)})",
              "; ".join(s.get("agreed", [])),
              "; ".join(a["description"] for a in s.get("actions", [])))
    for o in observations:
        _observation(piece, o)
    for s in sessions:
        piece("session", s["session_id"], s["delivered_on"],
              f"{s['session_title']} ({s['item_title']})", s.get("source_text", ""), "")
    return sorted(pieces, key=lambda p: (p["date"], p["kind"], p["id"]))


def _observation(piece: Any, o: dict[str, Any]) -> None:
    """A practice observation of the person (its critique and action plan), or a chair's
    checklist of their work at a conference (its grades: a checklist carries no text)."""
    if o["kind"] == "checklist":
        piece("checklist", o["_id"], o["on"], "Conference chair's checklist",
              f"Quality of practice {o.get('grade') or 'not graded'}, impact for the child "
              f"{o.get('impact_grade') or 'not graded'}", "")
    else:
        piece("observation", o["_id"], o["on"], OBSERVED.get(o["kind"], "Observation"),
              o.get("critique", ""), o.get("action_plan", ""))


def _moderation(piece: Any, result: dict[str, Any]) -> None:
    m = result["moderation"]
    agreed = "agreed" if m["overall_agree"] else f"regraded {m['overall_grade']}"
    piece("moderation", result["_id"], m["moderated_at"], f"Moderation of audit {result['month']}",
          f"Moderator {agreed}; {m['agreed_count']} of 7 judgements agreed",
          m.get("good_practice_note") or "")


class SignEvidence(BaseModel):
    piece_kind: EvidenceKind
    piece_id: str = Field(min_length=1)
    comment: PersonalText = Field(default="", max_length=2000)


def decide_evidence_signoff(person: Person | None, command: SignEvidence, *, by: str,
                            teams: dict[str, Person], pieces: list[dict[str, Any]],
                            now: datetime) -> EvidenceSignedOff:
    """Only the person's own line manager (or, for one without, their head of service)."""
    if person is None or supervisor_of(person, teams) != by:
        raise NotAllowed("a manager signs off only their own reports' evidence")
    found = next((p for p in pieces if (p["kind"], p["id"]) ==
                  (command.piece_kind, command.piece_id)), None)
    if found is None:
        raise Refused("piece_id", "no such piece in this person's learning record")
    if found["signed_by"]:
        raise Locked("this piece is signed off already")
    return EvidenceSignedOff(person_id=person["_id"], piece_kind=command.piece_kind,
                             piece_id=command.piece_id, signed_by=by, comment=command.comment,
                             signed_at=now)


def good_practice_of(moderated: AuditModerated) -> GoodPracticeAcknowledged | None:
    """The acknowledgement a moderation makes, if it acknowledges good practice (its id
    derived from the moderation's, so a redelivery makes no second one)."""
    if not moderated.good_practice:
        return None
    return GoodPracticeAcknowledged(
        acknowledgement_id=derived_id("good-practice", moderated.moderation_id),
        audit_id=moderated.audit_id, moderation_id=moderated.moderation_id,
        month=moderated.month, team_id=moderated.team_id, auditor_ids=moderated.auditor_ids,
        acknowledged_by=moderated.moderator_id, note=moderated.good_practice_note,
        acknowledged_at=moderated.moderated_at)
