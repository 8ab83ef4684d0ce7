"""Erasure end to end (issue 14) on the real Kafka and store: a child's data written through
audit capture (an audit with an action) and feedback ingestion; after the data protection
officer erases them, no database of any service holds their case reference or words in clear
text, no topic opens to them, every service has confirmed, and the figures stay. An erasure
for a subject nothing is held about says so and changes nothing."""

from __future__ import annotations

import uuid

from pymongo import AsyncMongoClient

from tests.e2e.test_personal_data_sealed import every_message
from tests.support.auth import bearer
from tests.support.factories import audit_command, feedback_item
from tests.support.waiting import eventually
from shared.england_time import england_today
from shared.settings import ServiceSettings

OFFICER = bearer("data_protection_officer", sub="dpo-fictional-001")
OTHERS = {"audit_capture", "feedback_ingestion", "action_tracking", "reporting", "learning",
          "data_protection"}  # its own: the subject access bundles


async def documents_naming(*needles: str) -> list[str]:
    """Every document, in every database of the store, whose text holds one of `needles`."""
    client = AsyncMongoClient(ServiceSettings().mongo_uri)
    found = []
    try:
        for name in await client.list_database_names():
            if name in ("admin", "local", "config"):
                continue
            for collection in await client[name].list_collection_names():
                async for doc in client[name][collection].find():
                    if any(n in repr(doc) for n in needles):
                        found.append(f"{name}.{collection} {doc['_id']}")
    finally:
        await client.close()
    return found


async def test_an_erased_childs_data_is_nowhere_in_clear_and_the_figures_stay(services, http):
    case_ref = f"TEST-ERASE-{uuid.uuid4().hex[:10]}"
    words = f"Fictional words {uuid.uuid4().hex[:8]} about a fictional visit"
    answer = await http.post(f"{services.url('audit_capture')}/audits", headers=bearer("auditor"),
                             json=audit_command(case_ref=case_ref, actions=1,
                                                auditor_suggestions=words))
    assert answer.status_code == 201, answer.text
    audit_id = answer.json()["audit_id"]
    taken = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                            json=feedback_item(source="momo", case_ref=case_ref, text=words),
                            headers=bearer("integration"))
    assert taken.status_code in (201, 202), taken.text

    async def held_everywhere():  # audit capture and feedback ingestion have it in clear
        places = {p.split(".")[0] for p in await documents_naming(case_ref)}
        return {"qa_audit_capture", "qa_feedback_ingestion"} <= places
    await eventually(held_everywhere, timeout=30)
    audit_url = f"{services.url('audit_capture')}/audits/{audit_id}"
    before = (await http.get(audit_url, headers=bearer("head_of_quality"))).json()
    dp = services.url("data_protection")
    asked = await http.post(f"{dp}/subject-access-requests", headers=OFFICER, json={
        "kind": "child", "reference": case_ref, "received_on": str(england_today())})
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["_id"]
    gathered = await http.post(f"{dp}/subject-access-requests/{request_id}/bundle",
                               headers=OFFICER)
    assert gathered.status_code == 200, gathered.text
    assert words in repr((await http.get(f"{dp}/subject-access-requests/{request_id}/bundle",
                                         headers=OFFICER)).json())

    erased = await http.post(f"{services.url('data_protection')}/erasures", headers=OFFICER,
                             json={"kind": "child", "reference": case_ref,
                                   "reason": "Fictional: the right to erasure, art. 17"})
    assert erased.status_code == 201, erased.text
    erasure_id = erased.json()["_id"]

    async def confirmed_by_all():
        shown = (await http.get(f"{services.url('data_protection')}/erasures/{erasure_id}",
                                headers=OFFICER)).json()
        return shown if shown["pending"] == [] else None
    shown = await eventually(confirmed_by_all, timeout=60)
    assert set(shown["confirmed"]) == OTHERS

    # The erasure's record and the request's keep the reference (what was asked and done);
    # the bundle is emptied with the rest.
    assert sorted(await documents_naming(case_ref, words)) == [
        f"qa_data_protection.erasures {erasure_id}",
        f"qa_data_protection.subject_access_requests {request_id}"]
    bundle = (await http.get(f"{dp}/subject-access-requests/{request_id}/bundle",
                             headers=OFFICER)).json()
    assert (bundle["held"], bundle["erased_by"]) == ({}, erasure_id)
    on_topics = b"".join(await every_message())
    assert case_ref.encode() not in on_topics and words.encode() not in on_topics
    after = (await http.get(audit_url, headers=bearer("head_of_quality"))).json()
    assert after["overall_grade"] == before["overall_grade"]
    assert [s["grade"] for s in after["standards"]] == [s["grade"] for s in before["standards"]]
    assert after["case_ref"] == "[erased]"


async def test_an_unknown_subject_is_refused_and_nothing_changes(services, http):
    before = await documents_naming("qa_data_protection")
    refused = await http.post(f"{services.url('data_protection')}/erasures", headers=OFFICER,
                              json={"kind": "child", "reference": "TEST-NOBODY-0000",
                                    "reason": "Fictional"})
    assert refused.status_code == 404
    assert "nothing was changed" in refused.json()["detail"]
    assert await documents_naming("TEST-NOBODY-0000") == []
    assert await documents_naming("qa_data_protection") == before


async def test_a_hold_on_the_childs_team_stops_their_erasure_until_it_is_lifted(services, http):
    """A hold naming no one covers what it matches: the team's records, the child's among them."""
    case_ref, team = f"TEST-TEAMHOLD-{uuid.uuid4().hex[:10]}", f"team-hold-{uuid.uuid4().hex[:8]}"
    dp = services.url("data_protection")
    answer = await http.post(f"{services.url('audit_capture')}/audits", headers=bearer("auditor"),
                             json=audit_command(case_ref=case_ref, team_id=team))
    assert answer.status_code == 201, answer.text
    taken = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                            json=feedback_item(source="momo", case_ref=case_ref, team_id=team),
                            headers=bearer("integration"))
    assert taken.status_code in (201, 202), taken.text

    async def held_by_both():
        places = {p.split(".")[0] for p in await documents_naming(case_ref)}
        return {"qa_audit_capture", "qa_feedback_ingestion"} <= places
    await eventually(held_by_both, timeout=30)

    holds = [await http.post(f"{dp}/legal-holds", headers=OFFICER, json={
        "team_id": name, "reason": f"Fictional inquiry's order {n}"})
        for n, name in enumerate((team, f"{team}-elsewhere"))]
    assert [h.status_code for h in holds] == [201, 201], holds[0].text
    asked = {"kind": "child", "reference": case_ref, "reason": "Fictional: art. 17 request"}
    try:
        refused = await http.post(f"{dp}/erasures", headers=OFFICER, json=asked)
        assert refused.status_code == 409, refused.text
        detail = refused.json()["detail"]
        assert "Fictional inquiry's order 0" in detail and "order 1" not in detail
        assert "1 in audit_capture" in detail and "1 in feedback_ingestion" in detail
        assert "dpo-fictional-001" in detail and "Nothing was changed" in detail
        assert {p.split(".")[0] for p in await documents_naming(case_ref)} >= {
            "qa_audit_capture", "qa_feedback_ingestion"}
    finally:
        for hold in holds:
            await http.post(f"{dp}/legal-holds/{hold.json()['_id']}/lift", headers=OFFICER)
    erased = await http.post(f"{dp}/erasures", headers=OFFICER, json=asked)
    assert erased.status_code == 201, erased.text
