"""A child's data written through every service is all in their subject access bundle (issue
14): an audit with its action, moderated with good practice acknowledged and signed off; a
Mind of My Own item and a complaint naming the case; a conference chair's checklist; the
audit's results delivered in learning and a learning circle with an action. Records that do
not carry the case reference (the audit's action, reporting's moderation and action facts,
learning's good practice) are found through the ids of the child's records. Real Kafka,
store and all six services."""

from __future__ import annotations

from tests.support.child_everywhere import complete_bundle, write_everywhere
from tests.support.factories import uid, unique_month


async def test_a_childs_data_from_every_service_is_all_in_their_bundle(services, http):
    child = await write_everywhere(services, http, uid("sar"), unique_month())
    case_ref, audit_id, circle_id = child.case_ref, child.audit_id, child.circle_id
    _, bundle = await complete_bundle(services, http, case_ref)
    held = bundle["held"]
    actions = held["action_tracking"]["actions"]
    assert {a["origin"]["id"] for a in actions} >= {audit_id, circle_id}
    assert all(a.get("case_ref") in (None, case_ref) for a in actions)
    assert [r["_id"] for r in held["learning"]["results"]] == [audit_id]
    assert [m["audit_id"] for m in held["reporting"]["moderation_facts"]] == [audit_id]
    assert len(held["feedback_ingestion"]["items"]) == 2  # the item and the complaint
    assert held["audit_capture"]["audits"][0]["_id"] == audit_id
