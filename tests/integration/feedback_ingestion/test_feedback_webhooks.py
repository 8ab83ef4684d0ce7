"""Each source's webhook, signed with HMAC-SHA256, on the real Kafka and store; refusals."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from schemas import topics
from services.feedback_ingestion.adapters.signatures import SIGNATURES
from shared import signatures
from shared.envelope import utc_now
from tests.integration.feedback_ingestion.conftest import signed
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually

HOQ = bearer("head_of_quality")
TODAY = time.strftime("%Y-%m-%d")
ITEMS = {
    "momo": {"app": "MOMO", "statement_kind": "wellbeing", "feelings": ["happy"],
             "case_ref": "TEST-CASE-W1", "text": "Synthetic: I like my school."},
    "compliment": {"text": "Synthetic thank you to a fictional worker."},
    "customer_feedback": {"rating": 4, "went_well": "Synthetic: listened",
                          "not_so_well": "Synthetic: late"},
    "partner": {"partner_kind": "health", "text": "Synthetic partner note."},
    "allegations": {"themes": ["physical"]},
    "staff_survey": {"rating": 3, "text": "Synthetic survey answer."},
    "complaint": {"complainant": "parent_carer", "summary": "Synthetic: not told of a move"},
}


@pytest.mark.parametrize("source", ITEMS)
async def test_each_sources_webhook_publishes_a_fact_with_the_sources_own_id(feedback, source):
    body = {"source_id": uid(source), "received_on": TODAY, **ITEMS[source]}
    topic = topics.COMPLAINT if source == "complaint" else topics.FEEDBACK
    async with TopicTail(topic) as tail:
        response = await feedback.post(f"/feedback/webhooks/{source}", **signed(source, body))
        assert response.status_code == 201, response.text
        event = await tail.wait_for(lambda e: e["data"].get("source_id") == body["source_id"])
    assert response.json()["outcome"] == "accepted"
    assert event["subject"] == response.json()["item_id"]
    resent = signed(source, body, timestamp=int(time.time()) - 5)  # a resend, signed anew
    again = await feedback.post(f"/feedback/webhooks/{source}", **resent)
    assert (again.status_code, again.json()["outcome"]) == (200, "duplicate")


async def test_themes_are_tagged_from_the_taxonomy(feedback):
    body = {"source_id": uid("c"), "received_on": TODAY, "text": "Synthetic: always late, "
                                                                  "kind and helpful"}
    response = await feedback.post("/feedback/webhooks/compliment", **signed("compliment", body))
    stored = (await feedback.get(f"/feedback/items/{response.json()['item_id']}",
                                 headers=HOQ)).json()
    assert stored["themes"] == ["delay", "praise"]


async def test_bad_signature_stale_replay_and_not_json_are_refused_and_nothing_accepted(feedback):
    body = {"source_id": uid("m"), "received_on": TODAY, "text": "Synthetic"}
    good = signed("compliment", body)
    wrong = signed("momo", body)  # signed with another source's secret
    assert (await feedback.post("/feedback/webhooks/compliment", **wrong)).status_code == 401
    stale = signed("compliment", body, timestamp=int(time.time()) - 3600)
    refused = await feedback.post("/feedback/webhooks/compliment", **stale)
    assert refused.status_code == 401 and "stale" in refused.json()["detail"]
    missing = await feedback.post("/feedback/webhooks/compliment", json=body)
    assert missing.status_code == 401 and "X-QA-Signature" in missing.json()["detail"]
    not_json = await feedback.post("/feedback/webhooks/compliment",
                                   **signed("compliment", b"{not json"))
    assert not_json.status_code == 400 and "not JSON" in not_json.json()["detail"]
    assert (await feedback.post("/feedback/webhooks/compliment", **good)).status_code == 201
    replay = await feedback.post("/feedback/webhooks/compliment", **good)
    assert replay.status_code == 409 and "replayed" in replay.json()["detail"]
    counts = (await feedback.get("/feedback/reconciliation", headers=HOQ)).json()
    assert (counts["received"], counts["accepted"], counts["balanced"]) == (1, 1, True)


async def test_an_item_failing_its_checks_is_quarantined_not_lost(feedback):
    body = {"source_id": uid("cf"), "received_on": "31/02/2026", "rating": 9}
    response = await feedback.post("/feedback/webhooks/customer_feedback",
                                   **signed("customer_feedback", body))
    assert response.status_code == 422 and response.json()["outcome"] == "quarantined"
    assert any(r.startswith("received_on") for r in response.json()["reasons"])
    entry_id = response.json()["quarantine_id"]
    entry = (await feedback.get(f"/feedback/quarantine/{entry_id}", headers=HOQ)).json()
    assert entry["content"] == body and entry["channel"] == "webhook"
    counts = (await feedback.get("/feedback/reconciliation", headers=HOQ)).json()
    assert (counts["received"], counts["quarantined"], counts["balanced"]) == (1, 1, True)


async def test_received_signatures_expire_by_the_stores_ttl_index(feedback):
    """Kept until well after they go stale (then the signature check refuses a replay
    anyway), and deleted by the store itself: no code prunes them."""
    store = feedback.app.state.runtime.store
    seen = store.db[SIGNATURES]
    ttl = [i for i in (await seen.index_information()).values()
           if i["key"] == [("expires_at", 1)]]
    assert [i.get("expireAfterSeconds") for i in ttl] == [0]
    tolerance = feedback.app.state.deps.settings.webhook_tolerance_seconds
    first, second = ({"source_id": uid("c"), "received_on": TODAY, "text": "Synthetic"}
                     for _ in range(2))
    stamp = int(time.time())
    kept = []
    for body in (first, second):
        request = signed("compliment", body, timestamp=stamp)
        response = await feedback.post("/feedback/webhooks/compliment", **request)
        assert response.status_code == 201
        digest = request["headers"][signatures.HEADER].split("v1=")[1]
        kept.append(await seen.find_one({"_id": f"compliment:{digest}"}))
    assert all(k["expires_at"].timestamp() == stamp + 2 * tolerance for k in kept)
    # As if that much time had passed for the first: the store deletes it, not the second.
    await seen.update_one({"_id": kept[0]["_id"]},
                          {"$set": {"expires_at": utc_now() - timedelta(seconds=1)}})

    async def first_gone() -> bool:
        return await seen.find_one({"_id": kept[0]["_id"]}) is None

    await eventually(first_gone, timeout=150, interval=0.5,
                     what="the expired signature deleted by the TTL index")
    assert await seen.find_one({"_id": kept[1]["_id"]}) is not None
