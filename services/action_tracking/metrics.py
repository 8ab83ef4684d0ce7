"""Action tracking's own metrics, in the service's registry. Labels: status or alert kind
only (never ids or names)."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Gauge, Histogram


@dataclass
class ActionMetrics:
    actions: Gauge
    overdue: Gauge
    deadline_to_alert: Histogram

    @classmethod
    def create(cls, registry: CollectorRegistry) -> ActionMetrics:
        return cls(
            actions=Gauge("qa_actions", "Actions by status", ["status"], registry=registry),
            overdue=Gauge("qa_actions_overdue", "Open actions past their due moment, by status",
                          ["status"], registry=registry),
            deadline_to_alert=Histogram(
                "qa_alert_deadline_to_published_seconds",
                "From the moment a deadline passed to its alert being published", ["kind"],
                buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 3600), registry=registry),
        )
