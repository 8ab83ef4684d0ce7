"""Traces across HTTP and Kafka (OpenTelemetry), off unless configured.

With `QA_OTEL_EXPORTER_OTLP_ENDPOINT` set (an OTLP/HTTP collector, e.g.
http://otel-collector:4318/v1/traces), each service exports its spans there: an HTTP
request's span (FastAPI instrumentation), a span per event it publishes (the W3C trace
context travels in the Kafka headers `traceparent` and `tracestate`, beside `event_type`),
and a span per event it consumes, a child of the publisher's. An event written to an outbox
keeps the context it was written in, so a relay that publishes it later continues the same
trace. Every span carries the correlation id. Unset, the API is a no-op and nothing is
added to any message.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import Span, SpanKind

TRACER = trace.get_tracer("qa-platform")
TRACE_HEADERS = ("traceparent", "tracestate")


def configure(service_name: str, endpoint: str) -> None:
    """Export this process's spans by OTLP/HTTP (once; the endpoint empty: tracing off)."""
    if not endpoint or is_on():
        return
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    trace.set_tracer_provider(provider)


def is_on() -> bool:
    """Whether spans are recorded in this process (an SDK provider is set)."""
    return isinstance(trace.get_tracer_provider(), TracerProvider)


def instrument(app: Any) -> None:
    """HTTP spans for a FastAPI app, continuing a caller's `traceparent`."""
    if is_on():
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics")


def current_context() -> dict[str, str]:
    """The active trace context as W3C headers (empty when nothing is traced)."""
    carrier: dict[str, str] = {}
    if is_on():
        propagate.inject(carrier)
    return carrier


def context_of(headers: Sequence[tuple[str, bytes]] | None) -> Context:
    """The trace context a Kafka record's headers carry."""
    carrier = {k: v.decode("latin-1") for k, v in headers or () if k in TRACE_HEADERS}
    return propagate.extract(carrier)


@contextmanager
def publishing(topic: str, event_type: str, correlation_id: str,
               written_in: dict[str, str]) -> Iterator[list[tuple[str, bytes]]]:
    """A producer span for one event, continuing the context it was written in; yields the
    trace headers to send with it (none when tracing is off)."""
    if not is_on():
        yield []
        return
    with TRACER.start_as_current_span(
            f"{topic} publish", kind=SpanKind.PRODUCER,
            context=propagate.extract(written_in) if written_in else None,
            attributes={"messaging.system": "kafka", "messaging.destination.name": topic,
                        "qa.event_type": event_type, "qa.correlation_id": correlation_id}):
        carrier: dict[str, str] = {}
        propagate.inject(carrier)
        yield [(k, v.encode()) for k, v in carrier.items()]


def consuming(record: Any, event_type: str, correlation_id: str) -> Span | None:
    """A consumer span for one record, a child of its publisher's; the caller ends it once
    the event's effect is stored. None when tracing is off."""
    if not is_on():
        return None
    return TRACER.start_span(
        f"{record.topic} process", kind=SpanKind.CONSUMER,
        context=context_of(getattr(record, "headers", None)),
        attributes={"messaging.system": "kafka", "messaging.destination.name": record.topic,
                    "messaging.kafka.offset": record.offset, "qa.event_type": event_type,
                    "qa.correlation_id": correlation_id})


@contextmanager
def active(span: Span | None) -> Iterator[None]:
    """Work done as part of `span` (whose end is then), or untraced work."""
    if span is None:
        yield
        return
    with trace.use_span(span, end_on_exit=True, record_exception=True):
        yield
