"""Running action tracking in the test process against the real Kafka and store, with a
clock the test moves: several instances, restarts, and an HTTP port for SSE clients."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import uvicorn
from aiokafka import AIOKafkaProducer

from schemas.base import EventData
from schemas.directory import StaffMemberUpserted, TeamUpserted
from services.action_tracking.bootstrap import build_app
from shared.clock import OffsetClock
from services.action_tracking.domain.visibility import Viewer
from services.action_tracking.settings import ActionTrackingSettings
from shared.auth import Role
from shared.envelope import Envelope

from .kafka import BOOTSTRAP, start_group_at_end
from .serving import serving
from .waiting import eventually

EVERY_ACTION = Viewer("tests", frozenset({Role.HEAD_OF_QUALITY}))  # reads like the head of quality


@dataclass
class Instance:
    app: Any
    url: str
    clock: OffsetClock
    server: uvicorn.Server
    task: asyncio.Task

    @property
    def deps(self):
        return self.app.state.deps


def fresh_settings(**overrides: Any) -> ActionTrackingSettings:
    """Its own database and consumer group: nothing shared with other tests."""
    name = uuid.uuid4().hex[:10]
    values = {"mongo_database": f"qa_at_test_{name}", "kafka_group_suffix": f"-test-{name}",
              "webhook_backoff_seconds": 0.05, "webhook_max_backoff_seconds": 0.2,
              "webhook_attempts": 3, "engine_max_sleep_seconds": 1.0} | overrides
    return ActionTrackingSettings(**values)


@contextlib.asynccontextmanager
async def running(settings: ActionTrackingSettings, clock: OffsetClock | None = None, *,
                  new_group: bool = True, replay: tuple[str, ...] = ()
                  ) -> AsyncIterator[Instance]:
    """`new_group`: this instance is the first of its consumer group (see start_group_at_end)."""
    clock = clock or OffsetClock()
    if new_group:
        await start_group_at_end(settings.consumer_group, replay=replay)
    app = build_app(settings, clock=clock)
    async with serving(app, "action tracking") as served:
        yield Instance(app=app, url=served.url, clock=clock, server=served.server,
                       task=served.task)


async def drop_database(settings: ActionTrackingSettings) -> None:
    from pymongo import AsyncMongoClient

    client: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri)
    await client.drop_database(settings.database_name)
    await client.close()


async def publish(*events: EventData, correlation_id: str | None = None) -> list[Envelope]:
    """Publish events as their producing service would (enveloped, keyed by subject)."""
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    await producer.start()
    sent = []
    try:
        for data in events:
            envelope = Envelope(event_id=uuid.uuid4(), event_type=data.event_type, source="tests",
                                occurred_at=datetime.now(UTC), subject=data.subject(),
                                correlation_id=correlation_id or str(uuid.uuid4()),
                                data=data.model_dump(mode="json"))
            await producer.send_and_wait(data.topic, envelope.to_bytes(), key=envelope.key())
            sent.append(envelope)
    finally:
        await producer.stop()
    return sent


async def staff(*, team: str, head_of_service: str | None = None,
                people: dict[str, str | None], names: dict[str, str] | None = None,
                team_name: str = "Fictional Team", job_roles: dict[str, str] | None = None
                ) -> None:
    """A team and its people ({person_id: line_manager_id}) on qa.directory; `names` and
    `job_roles` by person where a test needs them (else "Fictional Person", social worker)."""
    names, job_roles = names or {}, job_roles or {}
    events: list[EventData] = [TeamUpserted(team_id=team, name=team_name,
                                            head_of_service_id=head_of_service)]
    events += [StaffMemberUpserted(person_id=person,
                                   display_name=names.get(person, "Fictional Person"),
                                   team_id=team, job_role=job_roles.get(person, "social_worker"),
                                   line_manager_id=manager)
               for person, manager in people.items()]
    await publish(*events)


async def in_directory(instance: Instance, *person_ids: str) -> None:
    async def known() -> bool:
        return all([await instance.deps.directory.person(p) for p in person_ids])

    await eventually(known, what="people in the directory projection")


async def alerts_on_topic(tail, about_id: str) -> list[dict]:
    """Every alert about `about_id` that reached qa.alert since the tail opened (read up to
    the current end of every partition, so a second copy would be seen)."""
    if not hasattr(tail, "read"):
        tail.read = []
    ends = await tail.consumer.end_offsets(list(tail.start_offsets))
    while [tp for tp, end in ends.items() if await tail.consumer.position(tp) < end]:
        batches = await tail.consumer.getmany(timeout_ms=200)
        tail.read += [json.loads(r.value) for records in batches.values() for r in records]
    return [m for m in tail.read if m["data"].get("about_id") == about_id]


async def sse_alerts(url: str, headers: dict, found: list, ready: asyncio.Event) -> None:
    """Read `alert` events from the stream into `found` until cancelled."""
    async with httpx.AsyncClient(timeout=None) as http:
        async with http.stream("GET", f"{url}/alerts/stream", headers=headers) as response:
            event = None
            async for line in response.aiter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                    if event == "ready":
                        ready.set()
                elif line.startswith("data:") and event == "alert":
                    found.append(json.loads(line.split(":", 1)[1]))


@pytest.fixture(scope="module")
async def tracking():
    """A module's own action tracking, over HTTP on a free port, with its own database."""
    settings = fresh_settings()
    async with running(settings) as instance:
        yield instance
    await drop_database(settings)
