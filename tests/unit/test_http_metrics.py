"""Every answer is counted by method, route template (never the path: ids stay out of the
labels) and status, and timed; unknown paths share one label, and a crash counts as 500."""

from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient

from shared.http import install_middleware
from shared.metrics import PlatformMetrics


def test_answers_are_counted_by_route_template_and_status():
    metrics = PlatformMetrics.create()
    app = FastAPI()
    install_middleware(app, metrics)

    @app.get("/audits/{audit_id}")
    async def audit(audit_id: str) -> dict:
        if audit_id == "missing":
            raise HTTPException(404, "no such audit")
        return {"audit_id": audit_id}

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a fault of ours")

    client = TestClient(app, raise_server_exceptions=False)
    for path in ("/audits/a-1", "/audits/a-2", "/audits/missing", "/nowhere/x", "/boom"):
        client.get(path)

    def count(route: str, status: str) -> float | None:
        return metrics.registry.get_sample_value(
            "qa_http_requests_total", {"method": "GET", "route": route, "status": status})

    assert count("/audits/{audit_id}", "200") == 2
    assert count("/audits/{audit_id}", "404") == 1
    assert count("unmatched", "404") == 1
    assert count("/boom", "500") == 1
    assert metrics.registry.get_sample_value(
        "qa_http_request_duration_seconds_count",
        {"method": "GET", "route": "/audits/{audit_id}"}) == 3
