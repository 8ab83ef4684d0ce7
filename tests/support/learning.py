"""Running learning in the test process against the real Kafka and store, on a free port,
with its own database and consumer group, and a clock the test can move."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn

from schemas.directory import StaffMemberUpserted, TeamUpserted
from services.learning.bootstrap import build_app
from shared.clock import OffsetClock
from services.learning.settings import LearningSettings

from .action_tracking import publish
from .kafka import start_group_at_end
from .serving import serving
from .waiting import eventually


@dataclass
class Learning:
    app: Any
    url: str
    clock: OffsetClock
    server: uvicorn.Server
    task: asyncio.Task

    @property
    def deps(self):
        return self.app.state.deps


def fresh_settings(**overrides: Any) -> LearningSettings:
    name = uuid.uuid4().hex[:10]
    values = {"mongo_database": f"qa_learning_test_{name}",
              "kafka_group_suffix": f"-test-{name}", "schedule_max_sleep_seconds": 1.0}
    return LearningSettings(**(values | overrides))


@contextlib.asynccontextmanager
async def running(settings: LearningSettings) -> AsyncIterator[Learning]:
    await start_group_at_end(settings.consumer_group)
    clock = OffsetClock()
    app = build_app(settings, clock=clock)
    async with serving(app, "learning") as served:
        yield Learning(app=app, url=served.url, clock=clock, server=served.server,
                       task=served.task)


async def drop_database(settings: LearningSettings) -> None:
    from pymongo import AsyncMongoClient

    client: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri)
    await client.drop_database(settings.database_name)
    await client.close()


async def directory(*, team: str, head_of_service: str | None = None,
                    people: dict[str, dict[str, Any]]) -> None:
    """A fictional team and its people ({person_id: fields such as line_manager_id,
    audit_group}) on qa.directory."""
    await publish(TeamUpserted(team_id=team, name=f"Fictional Team {team[-4:]}",
                               head_of_service_id=head_of_service),
                  *[StaffMemberUpserted(person_id=person, display_name="Fictional Person",
                                        team_id=team, job_role="social_worker", **fields)
                    for person, fields in people.items()])


async def known(learning: Learning, *, team: str, people: list[str]) -> None:
    async def all_known() -> bool:
        deps = learning.deps
        return bool(await deps.directory.team(team)) and all(
            [await deps.directory.person(p) for p in people])

    await eventually(all_known, what="the team and people in learning's directory")


@pytest.fixture(scope="module")
async def learning():
    settings = fresh_settings()
    async with running(settings) as instance:
        yield instance
    await drop_database(settings)
