"""The leak scan's patterns match what the test factories send, so a clean scan means
something, and they leave a metric's route template alone."""

from __future__ import annotations

from tests.support.factories import audit_command
from tests.support.leak_scan import hits


def test_a_case_reference_in_a_metric_label_is_found():
    case_ref = audit_command()["case_ref"]
    assert hits(f'qa_http_requests_total{{method="GET",route="/cases/{case_ref}"}} 1.0') == [
        case_ref]


def test_a_route_template_is_not_a_leak():
    assert hits('qa_http_requests_total{method="GET",route="/audits/{audit_id}"} 1.0') == []
