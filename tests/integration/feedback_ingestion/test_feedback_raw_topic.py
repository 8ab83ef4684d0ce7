"""Raw items upstream systems publish to qa.feedback.raw, checked like the rest; and Safety
Link statements in a file published at once, ahead of their chunk."""

from __future__ import annotations

import base64
import uuid

from schemas import topics
from schemas.feedback import RawFeedbackSubmitted
from shared.envelope import Envelope, utc_now
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually

HOQ = bearer("head_of_quality")


def raw_envelope(source: str, item: dict) -> Envelope:
    data = RawFeedbackSubmitted(source=source, item=item)
    return Envelope(event_id=uuid.uuid4(), event_type=data.event_type, source="upstream-test",
                    occurred_at=utc_now(), subject=data.subject(), correlation_id=uid("corr"),
                    data=data.model_dump(mode="json"))


async def test_raw_items_are_accepted_quarantined_or_dead_lettered(feedback_reading_raw):
    feedback = feedback_reading_raw
    publisher = feedback.app.state.runtime.publisher
    good = {"source_id": uid("raw"), "received_on": "2026-11-02", "text": "Synthetic"}
    bad = {"source_id": uid("raw"), "received_on": "02/11/2026"}
    async with TopicTail(topics.DEADLETTER) as dead:
        await publisher.publish(raw_envelope("compliment", good), topics.FEEDBACK_RAW)
        await publisher.publish(raw_envelope("compliment", bad), topics.FEEDBACK_RAW)
        marker = uid("undecodable").encode()
        await publisher.publish_raw(b"not an envelope " + marker, topics.FEEDBACK_RAW, key=marker)
        letter = await dead.wait_for(lambda m: m["original_topic"] == topics.FEEDBACK_RAW
                                     and base64.b64decode(m["key_b64"] or "") == marker,
                                     timeout=60)
    assert letter["error"].startswith("undecodable")

    async def accepted():
        items = (await feedback.get("/feedback/items", params={"source": "compliment"},
                                    headers=HOQ)).json()
        return any(i["source_id"] == good["source_id"] for i in items)

    async def quarantined():
        entries = (await feedback.get("/feedback/quarantine", headers=HOQ)).json()
        return [e for e in entries if e["channel"] == "kafka"
                and e["content"].get("source_id") == bad["source_id"]]

    await eventually(accepted, timeout=60, what="the raw item accepted")
    entry = (await eventually(quarantined, timeout=60, what="the bad raw item quarantined"))[0]
    assert len(entry["reasons"]) == 1 and entry["reasons"][0].startswith(
        "received_on: Input should be a valid date")


async def test_a_safety_link_row_is_published_before_the_rest_of_its_chunk(feedback,
                                                                          monkeypatch):
    publisher = feedback.app.state.runtime.publisher
    journal: list[tuple[str, str]] = []  # (what, event type:source id), in time order

    def noted(method):
        async def publish(events):
            names = [f"{e.event_type}:{e.data.get('source_id')}" for _, e in events]
            journal.extend(("sent", n) for n in names)
            result = await method(events)
            journal.extend(("acknowledged", n) for n in names)
            return result
        return publish

    monkeypatch.setattr(publisher, "publish_in_order", noted(publisher.publish_in_order))
    monkeypatch.setattr(publisher, "publish_many", noted(publisher.publish_many))
    header = "Statement ID,Date,Case Reference,Statement Type,Safety Link"
    ids = [uid("m") for _ in range(3)]
    rows = [f"{ids[0]},01/11/2026,TEST-CASE-S1,wellbeing,no",
            f"{ids[1]},01/11/2026,TEST-CASE-S2,wellbeing,yes",
            f"{ids[2]},01/11/2026,TEST-CASE-S3,good_news,no"]
    async with TopicTail(topics.FEEDBACK) as tail:
        response = await feedback.post("/feedback/imports", data={"source": "momo"}, files={
            "file": ("momo.csv", "\n".join([header, *rows]).encode())}, headers=HOQ)
        assert response.json()["counts"]["accepted"] == 3
        seen: set[str] = set()

        def all_four(event: dict) -> bool:
            if event["data"].get("source_id") in ids:
                seen.add(f"{event['event_type']}:{event['data']['source_id']}")
            return len(seen) == 4
        await tail.wait_for(all_four)
    urgent = journal.index(("acknowledged", f"feedback.safety_link_triggered:{ids[1]}"))
    others = [journal.index(("sent", f"feedback.item_accepted:{i}")) for i in (ids[0], ids[2])]
    assert all(urgent < other for other in others), journal


async def test_a_redelivered_invalid_raw_item_is_quarantined_once(feedback_reading_raw):
    feedback = feedback_reading_raw
    publisher = feedback.app.state.runtime.publisher
    async def day_counts() -> dict:
        return (await feedback.get("/feedback/reconciliation", headers=HOQ)).json()

    before = await day_counts()
    bad = {"source_id": uid("raw"), "received_on": "31/02/2026"}
    message = raw_envelope("compliment", bad)
    for _ in range(2):  # the same message twice, as Kafka redelivers after a lost commit
        await publisher.publish(message, topics.FEEDBACK_RAW)

    async def both_handled():
        now = await day_counts()
        return now if now["duplicates"] > before["duplicates"] else None

    after = await eventually(both_handled, timeout=60, what="the redelivery counted")
    entries = [e for e in (await feedback.get("/feedback/quarantine", headers=HOQ)).json()
               if e["content"].get("source_id") == bad["source_id"]]
    assert len(entries) == 1
    assert after["quarantined"] - before["quarantined"] == 1
    assert after["duplicates"] - before["duplicates"] == 1 and after["balanced"]
