"""One trace spans an audit's submission (HTTP, audit capture), its publication (Kafka
producer) and its projection in reporting (Kafka consumer): audit capture and reporting run
as their own processes with tracing on, exporting by OTLP/HTTP to a collector this test
runs, over the real Kafka and store."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from services.launcher import ServiceProcesses
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid
from tests.support.kafka import start_group_at_end
from tests.support.waiting import eventually

ROOT = Path(__file__).resolve().parents[2]
PORT_BASE = int(os.environ.get("QA_PORT_BASE", "28100")) + 300


class Collector(ThreadingHTTPServer):
    """An OTLP/HTTP trace receiver: every span exported to it, as (service, span) pairs."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Receive)
        self.spans: list[tuple[str, object]] = []

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1/traces"


class _Receive(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = ExportTraceServiceRequest.FromString(body)
        for resource_spans in request.resource_spans:
            service = next(a.value.string_value for a in resource_spans.resource.attributes
                           if a.key == "service.name")
            for scope in resource_spans.scope_spans:
                self.server.spans.extend((service, span) for span in scope.spans)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[Collector]:
    server = Collector()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


@pytest.mark.timeout(240)
async def test_one_trace_from_submission_to_the_briefing(collector):
    suffix = uid("traced")
    group = f"reporting-{suffix}"
    await start_group_at_end(group)
    processes = ServiceProcesses(
        port_base=PORT_BASE, log_dir=ROOT / "var" / "test-logs-traces",
        extra_env={"QA_OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
                   "OTEL_BSP_SCHEDULE_DELAY": "200",  # export within a fifth of a second
                   "QA_KAFKA_GROUP_SUFFIX": f"-{suffix}",
                   "QA_MONGO_DATABASE": f"qa_{suffix}".replace("-", "_")})
    processes.start("audit_capture", "reporting")
    try:
        await asyncio.to_thread(processes.wait_ready, 90.0, "audit_capture", "reporting")
        async with httpx.AsyncClient(timeout=30) as http:
            submitted = await http.post(f"{processes.url('audit_capture')}/audits",
                                        json=audit_command(), headers=bearer("auditor"))
        assert submitted.status_code == 201, submitted.text
        audit_id = submitted.json()["audit_id"]

        def spans_of(service: str, name: str) -> list:
            return [s for who, s in collector.spans if who == service and s.name == name]

        def submission_projected() -> list:
            """Reporting's span for the submission's own event (its results shared, in the
            same trace, is projected too)."""
            return [s for s in spans_of("reporting", "qa.audit process") if any(
                a.key == "qa.event_type" and a.value.string_value == "audit.submitted"
                for a in s.attributes)]

        async def exported():  # each process exports on its own schedule
            return submission_projected() and spans_of("audit_capture", "POST /audits")

        await eventually(exported, timeout=90, what="both services' spans for the audit")
        [request] = spans_of("audit_capture", "POST /audits")
        trace_id = request.trace_id
        published = {s.span_id: s for s in spans_of("audit_capture", "qa.audit publish")
                     if s.trace_id == trace_id}  # the audit's events, one span each
        [consumed] = [s for s in submission_projected() if s.trace_id == trace_id]
        assert consumed.parent_span_id in published  # a child of its event's publication
        assert all(p.parent_span_id for p in published.values())  # within the request
        attributes = {a.key: a.value.string_value for a in consumed.attributes}
        assert attributes["qa.event_type"] == "audit.submitted"
        assert audit_id  # the audit's own id stays out of span names and attributes
        assert all(audit_id not in s.name for _, s in collector.spans)
    finally:
        processes.stop()
