"""The example consumer in examples/ subscribes with only the contract files and counts."""

from __future__ import annotations

import asyncio
import json
import os
import sys

from schemas.common import Grade
from shared.kafka import EventPublisher
from tests.support.events import audit_submitted
from tests.support.factories import uid, unique_month

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__))))


async def test_the_example_consumer_replays_and_counts(runtime):
    month = unique_month()
    await runtime.broker.start()
    publisher: EventPublisher = runtime.publisher
    for grade in (Grade.GOOD, Grade.GOOD, Grade.INADEQUATE):
        event = audit_submitted(month=month).model_copy(update={"overall_grade": grade})
        await publisher.publish(publisher.envelope(event, correlation_id=uid("c")), event.topic)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "examples.count_grades", "--bootstrap",
        runtime.settings.kafka_bootstrap, "--group", uid("example.grade-counter"),
        "--from-start", "--month", month, "--idle-seconds", "3",
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    async with asyncio.timeout(90):
        out, err = await process.communicate()
    assert process.returncode == 0, err.decode()[-2000:]
    result = json.loads(out)
    assert result["topic"] == "qa.audit"
    assert result["grades"] == {month: {"good": 2, "inadequate": 1}}
