"""An import chunk whose events the broker never acknowledged is published by the relay:
file imports keep the no-loss guarantee without one outbox update per item."""

from __future__ import annotations

from schemas import topics
from schemas.feedback import FeedbackItemAccepted
from tests.support.factories import uid
from tests.support.kafka import TopicTail


async def test_a_held_chunk_is_published_by_the_relay_and_released(feedback):
    deps = feedback.app.state.deps
    facts = [FeedbackItemAccepted(item_id=uid("item"), source="compliment", source_id=uid("s"),
                                  received_on="2026-11-03") for _ in range(3)]
    events = [(f, deps.publisher.envelope(f, correlation_id=uid("corr"))) for f in facts]
    chunk_id = uid("chunk")
    await deps.intake.chunks.hold(chunk_id, events)  # as if the process died right after
    async with TopicTail(topics.FEEDBACK) as tail:
        assert await deps.intake.chunks.relay_once(older_than_seconds=0) >= 1
        seen: set[str] = set()

        def all_three(event: dict) -> bool:
            seen.add(event["data"].get("item_id"))
            return {f.item_id for f in facts} <= seen
        await tail.wait_for(all_three)
    assert await deps.intake.chunks.collection.find_one({"_id": chunk_id}) is None
