"""Facts of the Learn stage (qa.audit and qa.learning): an audit's results shared with the
worker, reflective supervision sessions signed off and the audits each discussed, and the
learning and development programme's sessions delivered with the teams that attended.
Ids, dates and counts: never what was agreed, nor who attended (one exception: a programme
item's and session's titles, meant to be read, marked `x-personal-data` in the schema)."""

from __future__ import annotations

from schemas.audit import AuditResultsShared
from schemas.development import DevelopmentSessionDelivered
from schemas.learn import SupervisionSignedOff
from shared.england_time import england_day

from .. import names
from ..periods import month_of
from .fact import Fact


def results_shared_facts(e: AuditResultsShared) -> list[Fact]:
    return [Fact(names.RESULTS_SHARED, e.audit_id, {
        "month": e.month, "team_id": e.team_id, "social_worker_id": e.social_worker_id,
        "shared_on": england_day(e.shared_at).isoformat(),
        "completed_with_caseworker": e.completed_with_caseworker})]


def supervision_facts(e: SupervisionSignedOff) -> list[Fact]:
    """The session, and one fact per audit it discussed (id: session/audit), so the audits
    of a period find the sessions that discussed them by audit id."""
    audits = [d.id for d in e.discussed if d.kind == "audit"]
    facts = [Fact(names.SUPERVISIONS, e.supervision_id, {
        "kind": e.kind, "supervisee_id": e.supervisee_id, "supervisor_id": e.supervisor_id,
        "held_on": e.held_on.isoformat(), "month": month_of(e.held_on),
        "audits_discussed": len(audits), "discussed": len(e.discussed),
        "next_steps": len(e.actions)})]
    facts += [Fact(names.SUPERVISION_DISCUSSIONS, f"{e.supervision_id}/{audit_id}", {
        "audit_id": audit_id, "supervision_id": e.supervision_id, "kind": e.kind,
        "held_on": e.held_on.isoformat(), "month": month_of(e.held_on)})
        for audit_id in dict.fromkeys(audits)]
    return facts


def session_delivered_facts(e: DevelopmentSessionDelivered) -> list[Fact]:
    return [Fact(names.LEARNING_SESSIONS, e.session_id, {
        "item_id": e.item_id, "item_title": e.item_title, "session_title": e.session_title,
        "source_kind": e.source_kind, "scope": e.scope, "target_team_id": e.team_id,
        "area": e.area, "delivered_on": e.delivered_on.isoformat(),
        "month": month_of(e.delivered_on), "attended_team_ids": e.attended_team_ids,
        "attendees": e.attendees})]
