"""An erasure reaches a running reader's key cache at once (issue 14), on the real Kafka and
store: a process that has just opened a child's value with their key, and would keep that key
for ten minutes, reads the value as erased within seconds of `personal_data.subject_erased`,
both through the shared one-at-a-time consumer (every service's subscriptions list) and
through reporting's batch consumer."""

from __future__ import annotations

import uuid

import pytest

from schemas import topics
from schemas.privacy import SubjectErased
from services.reporting.adapters.facts import FactStore
from services.reporting.application.projections import ProjectionHandlers
from services.reporting.entrypoints.subscriptions import subscribe
from shared.envelope import utc_now
from shared.personal_data.erasure_events import forget_erased_keys
from shared.personal_data.keyring import keyring_for
from shared.personal_data.sealing import open_fields, seal_fields
from shared.runtime import Runtime
from shared.settings import ServiceSettings
from tests.support.factories import uid
from tests.support.waiting import eventually

LONG_CACHE = 600.0  # far beyond the test's bound: only the event can explain a prompt erasure


def one_at_a_time(runtime: Runtime) -> None:
    runtime.consumer.subscribe_all([forget_erased_keys(runtime.personal)])


def in_batches(runtime: Runtime) -> None:
    subscribe(runtime.consumer, ProjectionHandlers(FactStore(runtime.store), projected={},
                                                   personal=runtime.personal))


@pytest.fixture(params=[one_at_a_time, in_batches], ids=["services", "reporting"])
async def reader(request):
    settings = ServiceSettings(service_name=uid("itest").replace("-", "_"),
                               key_cache_seconds=LONG_CACHE)
    runtime = Runtime.build(settings)
    request.param(runtime)
    await runtime.start()
    yield runtime
    await runtime.stop()


async def test_a_reader_with_the_key_cached_reads_erased_within_seconds(reader):
    subject = f"child:FICT-CACHE-{uuid.uuid4().hex[:8]}"
    writer = keyring_for(reader.settings, reader.store.client)  # data protection's ring
    kid, key = await writer.key_for(subject)
    sealed = seal_fields({"case_ref": subject, "grade": "good"}, ["case_ref"], kid=kid, key=key)

    async def read() -> dict:
        return open_fields(sealed, await reader.personal.keyring.keys([kid])).data
    assert (await read())["case_ref"] == subject  # the reader now holds the key in its cache

    assert await writer.erase(subject) == [kid]
    assert (await read())["case_ref"] == subject, "the cache alone would keep it for minutes"

    event = SubjectErased(erasure_id=str(uuid.uuid4()), subject_kind="child",
                          subject_pseudonym="fictional-pseudonym", key_ids=[kid],
                          erased_at=utc_now())
    await reader.publisher.publish(
        reader.publisher.envelope(event, correlation_id=event.erasure_id), topics.PRIVACY)

    async def erased() -> bool:
        return await read() == {"case_ref": "[erased]", "grade": "good"}
    await eventually(erased, timeout=20, what="the erasure's event reached the reader's cache")
