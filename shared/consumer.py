"""Subscribing a service's handlers to a topic: decode, validate, apply, dead-letter.

A message that cannot be decoded or validated, or that its handler rejects, goes to
qa.deadletter with its original bytes and position, and the consumer carries on. A store or
broker outage is retried with back-off and then handed back to Kafka (nack, so it is read
again): the offset is committed only after the effect is stored.

A consumer that applies many events at once (`subscribe_batches`) gets each batch Kafka hands
over and reports what it did with every record; the same dead letters and counts follow, and
the batch's offsets are committed only once it has returned.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiokafka.errors import KafkaError
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage
from pydantic import ValidationError
from pymongo.errors import ConnectionFailure
from tenacity import AsyncRetrying, retry_if_exception, stop_after_delay, wait_exponential

from schemas import topics
from schemas.base import EventData

from . import tracing
from .deadletters import build_letter, minimal_letter
from .envelope import Envelope
from .kafka import TOO_LARGE, BrokerUnavailable, EventPublisher, MessageRefused
from .logs import correlation_id_var
from .metrics import PlatformMetrics
from .store import StillConflicting

log = logging.getLogger(__name__)

Handler = Callable[[Any, Envelope], Awaitable[None]]
BatchHandler = Callable[[Sequence[Any]], Awaitable["BatchOutcome"]]  # Kafka records
T = TypeVar("T")
TRANSIENT = (ConnectionFailure, BrokerUnavailable, KafkaError, TimeoutError, StillConflicting)


def is_transient(error: BaseException) -> bool:
    """An outage, to retry and then hand back to Kafka; a message Kafka refuses as too
    large is not one (sending it again can never succeed)."""
    return isinstance(error, TRANSIENT) and not isinstance(error, TOO_LARGE)


class RejectedEvent(Exception):
    """A well-formed event the handler cannot apply (for example an unknown reference)."""


@dataclass
class TopicRoutes:
    """Which handler applies which event type on one topic; other types are ignored."""

    topic: str
    handlers: dict[type[EventData], Handler] = field(default_factory=dict)

    def by_type(self) -> dict[str, tuple[type[EventData], Handler]]:
        return {model.event_type: (model, handler) for model, handler in self.handlers.items()}


@dataclass
class BatchOutcome:
    """What a batch handler did with the records of one batch, all of whose effects it has
    stored: `handled` counts applied events by type, `ignored` events of types it keeps
    nothing of by topic, and `rejected` lists (record, reason, error) to dead-letter."""

    handled: dict[str, int] = field(default_factory=dict)
    ignored: dict[str, int] = field(default_factory=dict)
    rejected: list[tuple[Any, str, str]] = field(default_factory=list)

    def add(self, other: BatchOutcome) -> None:
        for mine, theirs in ((self.handled, other.handled), (self.ignored, other.ignored)):
            for key, n in theirs.items():
                mine[key] = mine.get(key, 0) + n
        self.rejected += other.rejected


async def _raw_bytes(message: StreamMessage[Any]) -> bytes:
    return message.body


def describe(error: ValidationError) -> str:
    """Field locations and messages only: input values may hold personal data."""
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
        for e in error.errors(include_input=False, include_url=False)
    )


@dataclass
class EventConsumer:
    broker: KafkaBroker
    publisher: EventPublisher
    metrics: PlatformMetrics
    group_id: str
    retry_seconds: float = 20.0

    def subscribe(self, routes: TopicRoutes) -> None:
        self.subscribe_all([routes])

    def subscribe_all(self, all_routes: Sequence[TopicRoutes]) -> None:
        """One Kafka consumer for all of a service's topics: one group join at start-up
        instead of a rebalance per topic subscriber (which took 15-30 s per service)."""
        by_topic = {routes.topic: routes.by_type() for routes in all_routes}
        if not by_topic:
            return

        @self.broker.subscriber(
            *by_topic,
            group_id=self.group_id,
            ack_policy=AckPolicy.NACK_ON_ERROR,
            auto_offset_reset="earliest",
            decoder=_raw_bytes,
        )
        async def consume(body: bytes, message: KafkaMessage) -> None:
            record = message.raw_message
            await self.handle(body, record, by_topic[record.topic])

    def subscribe_batches(self, topics: Sequence[str], handler: BatchHandler, *,
                          max_records: int = 2000, batch_timeout_ms: int = 100) -> None:
        """One Kafka consumer (in this service's group) handing `handler` whatever has
        arrived, up to `max_records` at a time, as soon as anything has: a batch under load,
        a single record when the topic is quiet. Offsets are committed after the handler
        returns, and its rejected records are dead-lettered first (at-least-once for both);
        an error hands the whole batch back to Kafka (nack: read again from its first
        record), so the handler's effects must be idempotent."""
        if not topics:
            return

        @self.broker.subscriber(
            *topics,
            group_id=self.group_id,
            ack_policy=AckPolicy.NACK_ON_ERROR,
            auto_offset_reset="earliest",
            batch=True,
            max_records=max_records,
            batch_timeout_ms=batch_timeout_ms,
            max_partition_fetch_bytes=8 * 1024 * 1024,
            decoder=_raw_bytes,
        )
        async def consume(body: Any, message: KafkaMessage) -> None:
            await self.handle_batch(message.raw_message, handler)

    async def handle_batch(self, records: Sequence[Any], handler: BatchHandler) -> None:
        if not records:
            return
        try:
            outcome = await self._apply_batch_with_retry(handler, records)
        except Exception as error:  # noqa: BLE001 - a bug must not stall the partitions
            if is_transient(error):
                raise  # nack: the batch is read again; nothing is committed past it
            log.exception("batch failed: applying its records one by one")
            outcome = await self._one_by_one(handler, records)
        for record, reason, error in outcome.rejected:
            await self.dead_letter(record, reason, error)
        for event_type, n in outcome.handled.items():
            self.metrics.events_handled.labels(event_type).inc(n)
        for topic, n in outcome.ignored.items():
            self.metrics.events_ignored.labels(topic).inc(n)

    async def _apply_batch_with_retry(self, handler: BatchHandler,
                                      records: Sequence[Any]) -> BatchOutcome:
        async for attempt in AsyncRetrying(
            retry=retry_if_exception(is_transient),
            wait=wait_exponential(multiplier=0.2, max=3),
            stop=stop_after_delay(self.retry_seconds),
            reraise=True,
        ):
            with attempt:
                return await handler(records)
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def _one_by_one(self, handler: BatchHandler, records: Sequence[Any]) -> BatchOutcome:
        """As the one-at-a-time consumer would: a record whose handling fails for a reason
        other than an outage is dead-lettered, the others are applied."""
        outcome = BatchOutcome()
        for record in records:
            try:
                outcome.add(await self._apply_batch_with_retry(handler, [record]))
            except RejectedEvent as error:
                outcome.rejected.append((record, "rejected", str(error)))
            except Exception as error:  # noqa: BLE001
                if is_transient(error):
                    raise
                log.exception("handler failed", extra={"topic": record.topic,
                                                       "offset": record.offset})
                outcome.rejected.append((record, "handler_error", type(error).__name__))
        return outcome

    async def handle(
        self, body: bytes, record: Any, by_type: dict[str, tuple[type[EventData], Handler]]
    ) -> None:
        try:
            envelope = Envelope.model_validate_json(body)
        except ValidationError as error:
            return await self.dead_letter(record, "undecodable", describe(error))
        route = by_type.get(envelope.event_type)
        if route is None:
            self.metrics.events_ignored.labels(record.topic).inc()
            return  # tolerant reader: another consumer's event, or a newer type
        model, handler = route
        if self.publisher.personal is not None:  # an outage of the key store is retried
            envelope = await self._retrying(self.publisher.personal.open, envelope)
        try:
            data = model.model_validate(envelope.data)
        except ValidationError as error:
            return await self.dead_letter(record, "invalid", describe(error))
        token = correlation_id_var.set(envelope.correlation_id)
        span = tracing.consuming(record, envelope.event_type, envelope.correlation_id)
        try:
            with self.metrics.event_handling_seconds.labels(envelope.event_type).time(), \
                    tracing.active(span):
                await self._apply_with_retry(handler, data, envelope)
        except RejectedEvent as error:
            return await self.dead_letter(record, "rejected", str(error))
        except Exception as error:  # noqa: BLE001 - a bug must not stall the partition
            if is_transient(error):
                raise  # nack: Kafka hands the message back; nothing is committed past it
            log.exception("handler failed", extra={"event_type": envelope.event_type})
            return await self.dead_letter(record, "handler_error", type(error).__name__)
        finally:
            correlation_id_var.reset(token)
        self.metrics.events_handled.labels(envelope.event_type).inc()

    async def _apply_with_retry(self, handler: Handler, data: Any, envelope: Envelope) -> None:
        await self._retrying(handler, data, envelope)

    async def _retrying(self, work: Callable[..., Awaitable[T]], *args: Any) -> T:
        """`work` run again while it meets an outage, then the outage raised (nack)."""
        async for attempt in AsyncRetrying(
            retry=retry_if_exception(is_transient),
            wait=wait_exponential(multiplier=0.2, max=3),
            stop=stop_after_delay(self.retry_seconds),
            reraise=True,
        ):
            with attempt:
                return await work(*args)
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def dead_letter(self, record: Any, reason: str, error: str) -> None:
        """To qa.deadletter, cut to fit (shared/deadletters.py). A letter the broker still
        refuses goes again without the original's bytes; refused even so, it is logged and
        the consumer carries on: poison is never retried as an outage."""
        letter = build_letter(record, group=self.group_id, error=f"{reason}: {error}")
        for attempt in (letter, minimal_letter(letter)):
            try:
                await self.publisher.publish_raw(attempt, topics.DEADLETTER,
                                                 key=record.topic.encode())
                break
            except MessageRefused:
                continue
        else:
            log.error("dead letter refused by the broker; message skipped",
                      extra={"topic": record.topic, "offset": record.offset})
            reason = "unsendable"
        self.metrics.deadletters.labels(record.topic, reason).inc()
        log.warning("dead-lettered", extra={"topic": record.topic, "offset": record.offset,
                                            "reason": reason})
