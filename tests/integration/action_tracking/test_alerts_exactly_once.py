"""Each alert exactly once: two instances running side by side, then a restart, then a
replay of every action event from the start of the topic."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from schemas import topics
from services.action_tracking.application import deadline_alerts
from shared.clock import OffsetClock
from shared.england_time import england_today
from services.action_tracking.domain.deadlines import deadline_id, due_moment
from tests.support.action_tracking import (EVERY_ACTION, alerts_on_topic, drop_database,
                                           fresh_settings, publish, running)
from tests.support.events import audit_submitted
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually


@pytest.mark.timeout(300)  # four start-ups, each joining its consumer group
async def test_two_instances_a_restart_and_a_replay_raise_each_alert_once():
    settings = fresh_settings()
    due = england_today() + timedelta(days=60)
    audit = audit_submitted(actions=1)
    audit.actions[0].due_date = due
    overdue_at = due_moment(due) + timedelta(milliseconds=10)
    try:
        async with TopicTail(topics.ALERT) as tail:
            async with running(settings) as first, running(settings, new_group=False) as second:
                await publish(audit)
                actions = await eventually(
                    lambda: first.deps.actions.matching(EVERY_ACTION, origin_id=audit.audit_id),
                    what="the action")
                action_id = actions[0]["_id"]
                key = deadline_id("action", action_id)
                await eventually(lambda: first.deps.deadlines.collection.find_one({"_id": key}),
                                 what="its deadline")
                for instance in (first, second):
                    instance.clock.jump_to(overdue_at)
                # Both loops wake at the same moment; also force a simultaneous round.
                await asyncio.gather(deadline_alerts.raise_due(first.deps),
                                     deadline_alerts.raise_due(second.deps))
                overdue = await eventually(lambda: alerts_on_topic(tail, action_id),
                                           what="the overdue alert")
            async with running(settings, OffsetClock(), new_group=False) as restarted:
                restarted.clock.jump_to(overdue_at + timedelta(hours=1))
                await deadline_alerts.raise_due(restarted.deps)
            replay = settings.model_copy(update={"kafka_group_suffix": settings.kafka_group_suffix
                                                 + "-replay"})
            async with running(replay, replay=(topics.ACTION,)) as replaying:
                # A new consumer group reads qa.action from the beginning: the action's
                # deadline is registered again, its raised alerts stay raised.
                await eventually(lambda: replaying.deps.deadlines.collection.find_one(
                    {"_id": key, "done": "overdue"}), what="the replayed deadline")
                replaying.clock.jump_to(overdue_at + timedelta(hours=2))
                await deadline_alerts.raise_due(replaying.deps)
            final = await alerts_on_topic(tail, action_id)
    finally:
        await drop_database(settings)
    assert [m["data"]["kind"] for m in overdue] == ["overdue"]
    assert [m["data"]["kind"] for m in final] == ["overdue"]
    assert final[0]["data"]["raised_at"] >= due_moment(due).astimezone(UTC).isoformat()[:19]
    assert datetime.fromisoformat(final[0]["data"]["due_at"]) == due_moment(due)
