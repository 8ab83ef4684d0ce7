"""kill -9 of the store or of a service in the middle of a stream of submissions: every
submission that was acknowledged (201, or 202 while Kafka was unreachable) is in the store
and on Kafka exactly once in effect (one event id per audit, however often delivered), and
every other answer is a 503 with a reason, never a 500."""

from __future__ import annotations

import asyncio
from collections import defaultdict

import httpx
import pytest

from schemas import topics
from tests.support.auth import bearer
from tests.support.battery import scaled
from tests.support.factories import audit_command, unique_month
from tests.support.infra import infra
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually

SUBMITTERS = 4


class Stream:
    """Submitters posting audits one after another until told to stop."""

    def __init__(self, http: httpx.AsyncClient, url: str, month: str) -> None:
        self.http, self.url, self.month = http, url, month
        self.acknowledged: list[str] = []
        self.answers: dict[int | str, int] = defaultdict(int)
        self.stopping = asyncio.Event()

    async def submit_until_stopped(self) -> None:
        while not self.stopping.is_set():
            try:
                response = await self.http.post(f"{self.url}/audits", headers=bearer("auditor"),
                                                json=audit_command(month=self.month), timeout=30)
            except httpx.TransportError as error:  # the process itself was killed
                self.answers[type(error).__name__] += 1
                await asyncio.sleep(0.05)  # not a wait for a condition: a retry's pace
                continue
            self.answers[response.status_code] += 1
            if response.status_code in (201, 202):
                self.acknowledged.append(response.json()["audit_id"])
            else:
                assert response.status_code == 503, response.text
                assert response.json()["detail"]

    async def until(self, count: int, timeout: float = 120) -> None:
        async def enough() -> bool:
            return len(self.acknowledged) >= count

        await eventually(enough, timeout=timeout, what=f"{count} acknowledged submissions")


async def in_store(http, services, audit_ids) -> list[str]:
    missing = []
    for audit_id in audit_ids:
        response = await http.get(f"{services.url('audit_capture')}/audits/{audit_id}",
                                  headers=bearer("head_of_quality"))
        if response.status_code != 200:
            missing.append(audit_id)
    return missing


async def published_once_each(tail: TopicTail, audit_ids: list[str]) -> None:
    """Every acknowledged audit's audit.submitted arrives; no audit has two event ids."""
    event_ids: dict[str, set[str]] = defaultdict(set)
    wanted = set(audit_ids)

    def record(message: dict) -> bool:
        if message["event_type"] == "audit.submitted":
            event_ids[message["data"]["audit_id"]].add(message["event_id"])
        return wanted <= set(event_ids)

    await tail.wait_for(record, timeout=120)
    await tail.examine_to_end(record)  # and whatever else reached the topic by now
    assert {a: ids for a, ids in event_ids.items() if len(ids) > 1} == {}


async def run_through(http, services, fault, recover) -> Stream:
    stream = Stream(http, services.url("audit_capture"), unique_month())
    async with TopicTail(topics.AUDIT) as tail:
        submitters = [asyncio.create_task(stream.submit_until_stopped())
                      for _ in range(SUBMITTERS)]
        try:
            await stream.until(scaled(20))
            await asyncio.to_thread(fault)
            before = len(stream.acknowledged)
            await asyncio.to_thread(recover)
            await stream.until(before + scaled(20))
        finally:
            stream.stopping.set()
            await asyncio.gather(*submitters)
        assert await in_store(http, services, stream.acknowledged) == []
        await published_once_each(tail, stream.acknowledged)
    return stream


@pytest.mark.local_store
async def test_kill_9_of_the_store_loses_no_acknowledged_submission(services, http):
    def ready_again():
        services.wait_ready(90, "audit_capture")

    stream = await run_through(http, services, lambda: infra("store", "crash"),
                               lambda: (infra("store", "start"), ready_again()))
    assert set(stream.answers) <= {201, 202, 503}, dict(stream.answers)


async def test_kill_9_of_kafka_loses_no_acknowledged_submission(services, http):
    """Submissions acknowledged while the broker was gone (202) wait in the outbox and are
    published once it is back; none is lost or published twice in effect."""
    stream = await run_through(http, services, lambda: infra("kafka", "crash"),
                               lambda: infra("kafka", "start"))
    assert set(stream.answers) <= {201, 202, 503}, dict(stream.answers)
    assert stream.answers[202] > 0, dict(stream.answers)  # the outage was felt


async def test_kill_9_of_the_service_loses_no_acknowledged_submission(services, http):
    def restart():
        services.start("audit_capture")
        services.wait_ready(90, "audit_capture")

    stream = await run_through(http, services, lambda: services.crash("audit_capture"),
                               restart)
    assert set(stream.answers) - {201, 202, 503, "ConnectError", "ReadError",
                                  "RemoteProtocolError"} == set(), dict(stream.answers)
