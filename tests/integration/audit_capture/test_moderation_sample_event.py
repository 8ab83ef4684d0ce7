"""Drawing the month's moderation sample, through the API or the planning page, publishes
programme.moderation_sample_drawn on qa.programme (keyed by the month) with the audits picked
and how many it was drawn from (real Kafka and store)."""

from __future__ import annotations

import re
from datetime import datetime

from schemas import topics
from tests.integration.audit_capture.test_moderator_drafts_and_sign_off import (
    _two_submitted_audits,
)
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-it")


def _drawn(month: str):
    return lambda m: m["subject"] == month \
        and m["event_type"] == "programme.moderation_sample_drawn"


async def test_drawing_the_moderation_sample_publishes_the_audits_picked(client):
    p, month = uid("se"), unique_month()
    audit_ids = await _two_submitted_audits(client, p, month)  # the programme's size is 1
    async with TopicTail(topics.PROGRAMME) as programme:
        drawn = await client.post(f"/programme/{month}/moderation-sample", headers=HOQ,
                                  json={"seed": 3, "size": 2})
        assert drawn.status_code == 200, drawn.text
        assert drawn.json() == {"month": month, "audit_ids": sorted(audit_ids),
                                "published": True}
        event = await programme.wait_for(_drawn(month))

        page = await client.post(f"/planning/{month}/moderation-sample", headers=HOQ,
                                 data={"moderation_seed": "7"})
        assert page.status_code == 303, page.text
        again = await programme.wait_for(_drawn(month))
    assert event["source"] == "audit_capture"
    assert event["data"] | {"drawn_at": None} == {
        "month": month, "seed": 3, "size": 2, "audit_ids": sorted(audit_ids),
        "drawn_from_count": 2, "drawn_at": None, "drawn_by": "hoq-it"}
    shown = (await client.get(f"/planning/{month}", headers=HOQ)).text
    kept = (await client.get(f"/programme/{month}", headers=HOQ)).json()
    when = [datetime.fromisoformat(t) for t in (event["data"]["drawn_at"],
                                                again["data"]["drawn_at"],
                                                kept["moderation_sample_drawn_at"])]
    assert when[0] < when[1] and abs((when[1] - when[2]).total_seconds()) < 0.001  # store: ms
    [listed] = re.findall(r'<tr id="sampled-([^"]+)"', shown)
    assert again["data"]["audit_ids"] == [listed] and listed in audit_ids
    assert (again["data"]["seed"], again["data"]["size"], again["data"]["drawn_from_count"]) \
        == (7, 1, 2)
    assert f"TEST-{p}" not in str(event) + str(again)  # ids and counts, no case references
