"""Personal data on Kafka is sealed with its subject's key (issue 14): a child's case reference
and free text written through the services never reach a topic in clear text, every service
still reads them, and once the child's keys are destroyed no topic yields them again, while
the events' figures stay."""

from __future__ import annotations

import json
import uuid

from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import audit_command, feedback_item
from tests.support.kafka import BOOTSTRAP, TopicTail, personal_data
from tests.support.waiting import eventually


async def every_message(names: tuple[str, ...] = topics.ALL) -> list[bytes]:
    """Every message on these topics, from the beginning to their ends as of now."""
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP, enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()  # every topic's, not only subscribed
        partitions = [TopicPartition(t, p) for t in names
                      for p in consumer.partitions_for_topic(t) or ()]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        found: list[bytes] = []
        while [tp for tp, end in ends.items() if await consumer.position(tp) < end]:
            batches = await consumer.getmany(timeout_ms=1000, max_records=5000)
            found += [r.value or b"" for rs in batches.values() for r in rs]
        return found
    finally:
        await consumer.stop()


async def test_a_childs_data_is_sealed_on_every_topic_and_gone_with_their_keys(services, http):
    case_ref = f"TEST-CASE-{uuid.uuid4().hex[:10]}"
    evidence = f"Fictional evidence {uuid.uuid4().hex[:8]} about a fictional visit"
    audit = audit_command(case_ref=case_ref, actions=1, auditor_suggestions=evidence)
    feedback = feedback_item(source="momo", case_ref=case_ref, text=evidence)
    async with TopicTail(topics.AUDIT) as audits, TopicTail(topics.ACTION) as actions, \
            TopicTail(topics.FEEDBACK) as feedbacks:
        answer = await http.post(f"{services.url('audit_capture')}/audits", json=audit,
                                 headers=bearer("auditor"))
        assert answer.status_code == 201, answer.text
        taken = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                                json=feedback, headers=bearer("integration"))
        assert taken.status_code in (201, 202), taken.text
        submitted = await audits.wait_for(lambda m: m["data"].get("case_ref") == case_ref)
        audit_id = answer.json()["audit_id"]
        await actions.wait_for(lambda m: m["data"].get("origin", {}).get("id") == audit_id)
        await feedbacks.wait_for(lambda m: m["data"].get("case_ref") == case_ref)
    assert submitted["data"]["auditor_suggestions"] == evidence  # services read it whole

    # the services that project it have it (reporting keeps the audit's grades)
    async def reporting_has_it():
        facts = await http.get(f"{services.url('reporting')}/reports/facts/audits",
                               params={"month": audit["month"], "team": audit["team_id"]},
                               headers=bearer("director"))
        return facts.status_code == 200 and len(facts.json()) == 1 and facts.json()
    fact = (await eventually(reporting_has_it, what="reporting projected the audit"))[0]

    raw = b"\n".join(await every_message())
    assert case_ref.encode() not in raw and evidence.encode() not in raw

    # Erased: the child's keys destroyed (the data protection officer's erasure does this)
    destroyed = await personal_data().keyring.erase(f"child:{case_ref}")
    assert destroyed
    personal_data().keyring.forget(destroyed)
    opened = await personal_data().open_raw(await every_message())
    seen = b"\n".join(opened)
    assert case_ref.encode() not in seen and evidence.encode() not in seen
    ours = [m for m in map(json.loads, opened) if m.get("event_id") == submitted["event_id"]]
    assert ours and ours[0]["data"]["case_ref"] == "[erased]"
    assert ours[0]["data"]["overall_grade"] == audit["overall_grade"]  # figures stay
    assert fact["overall_grade"] == audit["overall_grade"]
