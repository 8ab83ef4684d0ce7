"""The one place a service's shared dependencies are built from its settings and started."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, FastAPI
from faststream.kafka import KafkaBroker
from pymongo.errors import PyMongoError
from tenacity import (AsyncRetrying, retry_if_exception_type, stop_after_delay,
                      wait_exponential)

from schemas import topics

from . import tracing
from .cancellation import cancel_and_wait, finish_or_leave
from .auth import TokenVerifier, configure_auth
from .producer import DirectProducer
from .consumer import EventConsumer, TopicRoutes
from .http import health_router, install_middleware
from .kafka import EventPublisher, ensure_topics, make_broker
from .logs import configure_logging
from .metrics import PlatformMetrics
from .outbox import OUTBOX_INDEXES, Outbox
from .personal_data.envelopes import PersonalData
from .personal_data.keyring import keyring_for
from .personal_data.retention_schedule import RetentionSchedule, schedule_for
from .settings import ServiceSettings
from .store import IndexSpec, Store
from .web.docs import docs_router
from .web.login import router as login_router

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: ServiceSettings
    metrics: PlatformMetrics
    broker: KafkaBroker
    publisher: EventPublisher
    store: Store
    outbox: Outbox
    consumer: EventConsumer
    personal: PersonalData
    retention: RetentionSchedule
    relay_outbox: bool = False  # this service writes through the outbox: relay it
    tasks: list[asyncio.Task] = field(default_factory=list)
    # A service's own long-running work (a scheduling loop...): each started once the
    # runtime is up, and cancelled first when it stops.
    background: list[Callable[[], Coroutine[Any, Any, None]]] = field(default_factory=list)

    @classmethod
    def build(
        cls, settings: ServiceSettings, *, indexes: Sequence[IndexSpec] = (),
        relay_outbox: bool = False,
    ) -> Runtime:
        retention = schedule_for(settings)  # a wrong rule stops the service here, named
        metrics = PlatformMetrics.create()
        broker = make_broker(settings, metrics)
        all_indexes = [*indexes, *OUTBOX_INDEXES]
        store = Store.connect(settings, all_indexes)
        personal = PersonalData(keyring_for(settings, store.client))
        publisher = EventPublisher(broker, source=settings.service_name, metrics=metrics,
                                   timeout=settings.publish_timeout_seconds,
                                   direct=DirectProducer(settings), personal=personal)
        return cls(
            settings=settings, metrics=metrics, broker=broker, publisher=publisher, store=store,
            personal=personal, retention=retention,
            outbox=Outbox(store, publisher, metrics),
            relay_outbox=relay_outbox,
            consumer=EventConsumer(broker, publisher, metrics, group_id=settings.consumer_group),
        )

    async def start(self) -> None:
        # Kafka and the store may still be starting (make run starts everything at once).
        async for attempt in AsyncRetrying(wait=wait_exponential(max=2),
                                           stop=stop_after_delay(60), reraise=True):
            with attempt:
                await self.store.create_indexes()
        async for attempt in AsyncRetrying(retry=retry_if_exception_type(PyMongoError),
                                           wait=wait_exponential(max=2),
                                           stop=stop_after_delay(60), reraise=True):
            with attempt:  # a wrong master key stops the service here, at once
                await self.personal.keyring.prepare()
        async for attempt in AsyncRetrying(wait=wait_exponential(max=2),
                                           stop=stop_after_delay(60), reraise=True):
            with attempt:
                await ensure_topics(self.settings, topics.ALL)
                await self.broker.start()
                if self.publisher.direct is not None:
                    await self.publisher.direct.start()
        if self.relay_outbox:
            self.tasks.append(asyncio.create_task(
                self.outbox.run_relay(self.settings.outbox_relay_seconds)))
        for work in self.background:
            self.tasks.append(asyncio.create_task(work()))

    async def stop(self) -> None:
        # Each part is bounded and a task is cancelled until it ends (shared/cancellation):
        # a consumer stopped while its group forms, or a query whose cancellation Python
        # 3.11 lost, would otherwise hold the shutdown for minutes (seen: past 120 s).
        left = await cancel_and_wait(self.tasks, seconds=STOP_SECONDS)
        if left:
            log.warning("background work still running at shutdown",
                        extra={"tasks": [task.get_name() for task in left]})
        await self.outbox.close()
        await finish_or_leave(self.broker.stop(), seconds=STOP_SECONDS,
                              what="the broker's consumers")
        if self.publisher.direct is not None:
            await finish_or_leave(self.publisher.direct.stop(), seconds=STOP_SECONDS,
                                  what="the producer")
        await self.store.close()


STOP_SECONDS = 15.0


def create_app(
    runtime: Runtime, *, title: str, routers: Sequence[APIRouter],
    subscriptions: Sequence[TopicRoutes] = (),
) -> FastAPI:
    """A service's FastAPI app: its routers, its subscriptions, and the shared plumbing."""
    settings = runtime.settings
    configure_logging(service=settings.service_name, level=settings.log_level)
    tracing.configure(settings.service_name, settings.otel_exporter_otlp_endpoint)
    runtime.consumer.subscribe_all(subscriptions)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        log.info("ready", extra={"subscriptions": [r.topic for r in subscriptions]})
        yield
        await runtime.stop()

    # The API's description is served by docs_router, behind sign-in like every endpoint.
    app = FastAPI(title=title, lifespan=lifespan, openapi_url=None, docs_url=None,
                  redoc_url=None)
    app.state.runtime = runtime
    configure_auth(app, TokenVerifier(settings))
    install_middleware(app, runtime.metrics)
    tracing.instrument(app)
    app.include_router(health_router(runtime))
    app.include_router(login_router)
    app.include_router(docs_router(app))
    for router in routers:
        app.include_router(router)
    return app
