"""Prometheus metrics every service shares. Labels are low-cardinality: never ids or names."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


@dataclass
class PlatformMetrics:
    registry: CollectorRegistry
    events_published: Counter
    events_handled: Counter
    event_handling_seconds: Histogram
    deadletters: Counter
    outbox_pending: Gauge
    outbox_refused: Counter
    events_ignored: Counter
    http_requests: Counter
    http_seconds: Histogram

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> PlatformMetrics:
        registry = registry or CollectorRegistry()
        return cls(
            registry=registry,
            events_published=Counter(
                "qa_events_published_total", "Events acknowledged by the broker",
                ["event_type"], registry=registry,
            ),
            events_handled=Counter(
                "qa_events_handled_total", "Consumed events whose effect was stored",
                ["event_type"], registry=registry,
            ),
            event_handling_seconds=Histogram(
                "qa_event_handling_seconds", "Time to apply one consumed event",
                ["event_type"], registry=registry,
            ),
            deadletters=Counter(
                "qa_deadletters_total", "Messages sent to qa.deadletter",
                ["topic", "reason"], registry=registry,
            ),
            outbox_pending=Gauge(
                "qa_outbox_pending_events", "Stored events not yet acknowledged by the broker",
                registry=registry,
            ),
            outbox_refused=Counter(
                "qa_outbox_refused_total", "Stored events the broker refused as too large, "
                "moved from the outbox to outbox_refused so that the rest are published",
                ["event_type"], registry=registry,
            ),
            events_ignored=Counter(
                "qa_events_ignored_total",
                "Well-formed events of a type this consumer has no handler for (skipped)",
                ["topic"], registry=registry,
            ),
            http_requests=Counter(
                "qa_http_requests_total", "HTTP requests answered, by route template and status",
                ["method", "route", "status"], registry=registry,
            ),
            http_seconds=Histogram(
                "qa_http_request_duration_seconds",
                "From a request's arrival to the end of its answer (streams: their whole life)",
                ["method", "route"], registry=registry,
                buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            ),
        )
