"""Every endpoint but health and metrics needs a token and a role; bad bodies get 422.

The apps are built but not started (no lifespan), so these checks need no broker or store:
the guards answer before any handler could touch either.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from services.action_tracking.bootstrap import build_app as action_tracking
from services.audit_capture.bootstrap import build_app as audit_capture
from services.feedback_ingestion.bootstrap import build_app as feedback_ingestion
from services.learning.bootstrap import build_app as learning
from services.reporting.bootstrap import build_app as reporting
from tests.support.auth import bearer
from tests.support.factories import audit_command

OPEN = {"/healthz", "/readyz", "/metrics"}
APPS = {"audit_capture": audit_capture, "feedback_ingestion": feedback_ingestion,
        "action_tracking": action_tracking, "reporting": reporting, "learning": learning}


def operations(app):
    for path, methods in app.openapi()["paths"].items():
        for method in methods:
            yield method.upper(), path.replace("{", "").replace("}", "")


@pytest.mark.parametrize("name", APPS)
def test_every_endpoint_but_health_refuses_a_missing_or_bad_token(name):
    app = APPS[name]()
    client = TestClient(app)
    guarded = [(m, p) for m, p in operations(app) if p not in OPEN]
    assert guarded, "each service has endpoints"
    for method, path in guarded:
        for headers in ({}, {"Authorization": "Bearer not-a-token"}):
            response = client.request(method, path, headers=headers, json={})
            assert response.status_code == 401, (method, path, response.text)
            # Webhooks authenticate by HMAC signature (shared/signatures.py), not a token.
            scheme = "Signature" if path.startswith("/feedback/webhooks/") else "Bearer"
            assert response.headers["www-authenticate"].split(" ")[0] == scheme


def test_health_needs_no_token():
    assert TestClient(reporting()).get("/healthz").json()["status"] == "alive"


def test_a_valid_token_with_the_wrong_role_gets_403():
    client = TestClient(audit_capture())
    response = client.post("/audits", json=audit_command(), headers=bearer("social_worker"))
    assert response.status_code == 403
    assert "auditor" in response.json()["detail"]


def test_an_invalid_audit_gets_422_naming_each_field():
    client = TestClient(audit_capture())
    body = audit_command()
    body["overall_grade"] = "superb"
    body["month"] = "2026-13"
    del body["child_view"]
    response = client.post("/audits", json=body, headers=bearer("auditor"))
    assert response.status_code == 422
    locations = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert {("body", "overall_grade"), ("body", "month"), ("body", "child_view")} <= locations


@pytest.mark.parametrize("name", [n for n in APPS if n != "learning"])
def test_a_meetings_guest_opens_nothing_outside_learning(name):
    """A guest (student, partner, foster carer) may open their meeting's pack in learning
    and nothing else: not even another service's home page or the standards text."""
    app = APPS[name]()
    client = TestClient(app)
    guest = bearer("guest", sub="guest-fictional")
    refused = {}
    for method, path in operations(app):
        if path in OPEN or method != "GET" or "webhooks" in path:
            continue
        status = client.request(method, path, headers=guest).status_code
        if status != 403:
            refused[(method, path)] = status
    for page in ("/",):
        if (status := client.get(page, headers=guest).status_code) != 403:
            refused[("GET", page)] = status
    assert refused == {}


@pytest.mark.parametrize("name", APPS)
def test_the_api_description_is_for_signed_in_staff_only(name):
    client = TestClient(APPS[name]())
    for path in ("/openapi.json", "/docs"):
        assert client.get(path).status_code == 401, path
        assert client.get(path, headers=bearer("guest")).status_code == 403, path
        assert client.get(path, headers=bearer("social_worker")).status_code == 200, path
    assert client.get("/redoc").status_code == 404
