"""Good practice acknowledged in moderation becomes one `good_practice.acknowledged` on
qa.learning (issue 12's Review events), however often the moderation is delivered; a
moderation without it publishes nothing (real Kafka and store)."""

from __future__ import annotations

from schemas import topics
from tests.support.action_tracking import publish
from tests.support.kafka import TopicTail
from tests.support.moderations import audit_moderated
from tests.support.waiting import eventually


def handled(learning) -> float:
    counter = learning.app.state.runtime.metrics.events_handled.labels("audit.moderated")
    return counter._value.get()


async def test_a_moderations_good_practice_is_acknowledged_once(learning):
    praised = audit_moderated(good_practice=True,
                              good_practice_note="Synthetic: a plan the family wrote with us.")
    plain = audit_moderated()
    before = handled(learning)
    async with TopicTail(topics.LEARNING) as tail:
        await publish(plain, praised, praised)  # the second delivery adds nothing

        async def all_three_handled() -> bool:
            return handled(learning) >= before + 3

        await eventually(all_three_handled, what="learning handled the three deliveries")
        event = await tail.wait_for(lambda m: m["event_type"] == "good_practice.acknowledged"
                                    and m["subject"] == praised.audit_id)
        assert event["data"]["note"] == praised.good_practice_note
        assert event["data"]["acknowledged_by"] == praised.moderator_id

        async def stored():
            return await learning.deps.good_practice.get(event["data"]["acknowledgement_id"])

        await eventually(stored, what="the acknowledgement stored")
        seen: list[dict] = []
        await tail.examine_to_end(lambda m: seen.append(m) and False)
    acknowledged = [m for m in [event, *seen] if m["event_type"] == "good_practice.acknowledged"]
    assert {m["subject"] for m in acknowledged} == {praised.audit_id}
    # One event in effect, whichever learning instance (this one, or the suite's own, which
    # reads qa.audit too) publishes it, however often: one event id.
    assert len({m["event_id"] for m in acknowledged}) == 1
