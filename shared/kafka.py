"""Kafka broker, publisher and tolerant consumer with dead letters, on FastStream 0.7.

Producers wait for all in-sync replicas (`acks=all`) and are idempotent. Consumers commit
only after the effect is stored (at-least-once); effects are idempotent by design.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from aiokafka.errors import (KafkaError, MessageSizeTooLargeError, RecordListTooLargeError,
                             RecordTooLargeError)
from faststream.kafka import KafkaBroker
from faststream.kafka.prometheus import KafkaPrometheusMiddleware

from pymongo.errors import PyMongoError

from schemas.base import EventData

from .producer import DirectProducer
from . import tracing
from .envelope import Envelope, utc_now
from .metrics import PlatformMetrics
from .personal_data.envelopes import PersonalData
from .settings import ServiceSettings

log = logging.getLogger(__name__)


class BrokerUnavailable(Exception):
    """The broker did not acknowledge in time; nothing may be assumed published."""


# Refusals of the message itself, not outages: sending it again can never succeed.
TOO_LARGE = (MessageSizeTooLargeError, RecordTooLargeError, RecordListTooLargeError)


class MessageRefused(Exception):
    """The producer or the broker refused this message (too large): not an outage."""


def make_broker(settings: ServiceSettings, metrics: PlatformMetrics) -> KafkaBroker:
    return KafkaBroker(
        settings.kafka_bootstrap,
        acks="all",
        enable_idempotence=True,
        request_timeout_ms=settings.kafka_request_timeout_ms,
        client_id=settings.service_name,
        middlewares=[
            KafkaPrometheusMiddleware(registry=metrics.registry, app_name=settings.service_name)
        ],
        logger=logging.getLogger(f"faststream.{settings.service_name}"),
        log_level=logging.DEBUG,  # per-message "Received"/"Processed" lines only when debugging
    )


class EventPublisher:
    """Wraps payloads in the envelope and publishes them keyed by subject."""

    def __init__(
        self, broker: KafkaBroker, *, source: str, metrics: PlatformMetrics, timeout: float,
        direct: DirectProducer | None = None, personal: PersonalData | None = None,
    ) -> None:
        self.broker = broker
        self.personal = personal
        self.source = source
        self.metrics = metrics
        self.timeout = timeout
        self.direct = direct

    def envelope(
        self,
        data: EventData,
        *,
        correlation_id: str,
        causation_id: str | None = None,
        event_id: str | None = None,
        occurred_at: datetime | None = None,
    ) -> Envelope:
        return Envelope(
            event_id=event_id or uuid.uuid4(),
            event_type=data.event_type,
            schema_version=data.schema_version,
            source=self.source,
            occurred_at=occurred_at or utc_now(),
            subject=data.subject(),
            correlation_id=correlation_id,
            causation_id=causation_id,
            data=data.model_dump(mode="json"),
        ).continuing(tracing.current_context())

    async def publish(self, envelope: Envelope, topic: str) -> None:
        """One event, acknowledged by Kafka (BrokerUnavailable otherwise)."""
        await self.publish_in_order([(topic, envelope)])

    async def publish_in_order(self, events: Sequence[tuple[str, Envelope]]) -> None:
        """(topic, envelope) pairs, each acknowledged before the next is sent (those with the
        same topic and key go together: one partition keeps their order)."""
        events = await self._sealed(events)
        if self.direct is None:
            for topic, envelope in events:
                with tracing.publishing(topic, envelope.event_type, envelope.correlation_id,
                                        envelope.written_in) as traced:
                    await self.publish_raw(
                        envelope.to_bytes(), topic, key=envelope.key(),
                        headers={"event_type": envelope.event_type,
                                 **{k: v.decode() for k, v in traced}},
                        correlation_id=envelope.correlation_id,
                    )
                self.metrics.events_published.labels(envelope.event_type).inc()
            return
        try:
            await self.direct.send_in_order(events, timeout=self.timeout)
        except TOO_LARGE as error:
            raise MessageRefused(f"{events[0][0]} refused a message as too large") from error
        except (TimeoutError, KafkaError) as error:
            raise BrokerUnavailable(f"broker did not acknowledge on {events[0][0]}") from error
        for _, envelope in events:
            self.metrics.events_published.labels(envelope.event_type).inc()

    async def publish_many(self, events: Sequence[tuple[str, Envelope]]) -> bool:
        """Many (topic, envelope) pairs at once; False if Kafka did not acknowledge them all
        (the caller keeps them in an outbox for the relay)."""
        if not events:
            return True
        assert self.direct is not None, "built without a direct producer"
        try:
            events = await self._sealed(events)
        except BrokerUnavailable:
            return False
        try:
            await self.direct.send_all(events, timeout=self.timeout * 4)
        except (TimeoutError, KafkaError):
            return False
        for _, envelope in events:
            self.metrics.events_published.labels(envelope.event_type).inc()
        return True

    async def _sealed(self, events: Sequence[tuple[str, Envelope]]) -> Sequence[tuple[str, Envelope]]:
        """Personal data sealed before it leaves (shared/personal_data); a key store that
        cannot be reached is an outage like the broker's: nothing is sent, the outbox keeps it."""
        if self.personal is None:
            return events
        try:
            return await self.personal.seal_all(events)
        except PyMongoError as error:
            raise BrokerUnavailable("personal data could not be sealed: key store unreachable") \
                from error

    async def publish_raw(self, value: bytes, topic: str, *, key: bytes | None, **extra: Any) -> None:
        try:
            async with asyncio.timeout(self.timeout):  # not wait_for: shared/cancellation
                await self.broker.publish(value, topic, key=key, **extra)
        except TOO_LARGE as error:
            raise MessageRefused(f"{topic} refused a message of {len(value)} bytes") from error
        except (TimeoutError, KafkaError) as error:
            raise BrokerUnavailable(f"broker did not acknowledge on {topic}") from error


async def ensure_topics(settings: ServiceSettings, names: tuple[str, ...]) -> None:
    """Create the platform's topics if missing (on a cluster, operators usually have)."""
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic
    from aiokafka.errors import TopicAlreadyExistsError

    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap,
                                request_timeout_ms=settings.kafka_request_timeout_ms)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [NewTopic(n, settings.kafka_partitions, settings.kafka_replication_factor)
                   for n in names if n not in existing]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass  # another service created it first
    finally:
        await admin.close()
