"""deploy/observability: the alert rules pass `promtool check rules` and their unit tests
(`promtool test rules`), and the rules and the Grafana dashboard name only metrics the
services expose or the exporters the README lists. promtool is pinned and installed by
deploy/local/setup.sh (deploy/local/tools.sh); a missing promtool fails, never skips."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from prometheus_client import CollectorRegistry

from services.action_tracking.metrics import ActionMetrics
from shared.metrics import PlatformMetrics

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "deploy" / "observability"
RULES = yaml.safe_load((HERE / "alerts.yaml").read_text())
DASHBOARD = json.loads((HERE / "grafana-dashboard.json").read_text())
# Metrics from outside the services, each from the exporter the README names.
EXTERNAL = {
    "kafka_consumergroup_lag": "Strimzi Kafka Exporter",
    "kafka_consumergroup_current_offset": "Strimzi Kafka Exporter",
    "kafka_server_replicamanager_underminisrpartitioncount": "Strimzi Kafka metrics (JMX exporter)",
    "kube_pod_status_ready": "kube-state-metrics",
    "up": "Prometheus itself",
}
SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_sum", "_count")}


def promtool(*args: str) -> subprocess.CompletedProcess:
    tools = Path(subprocess.run([ROOT / "deploy" / "local" / "tools.sh", "dir"], check=True,
                                capture_output=True, text=True).stdout.strip())
    binary = tools / "bin" / "promtool"
    assert binary.is_file(), "promtool missing: run deploy/local/setup.sh"
    return subprocess.run([binary, *args], cwd=HERE, capture_output=True, text=True)


def exposed() -> set[str]:
    """Every sample name the services' registries can produce (shared, action tracking's own,
    FastStream's Kafka middleware)."""
    registry = CollectorRegistry()
    PlatformMetrics.create(registry)
    ActionMetrics.create(registry)
    KafkaPrometheusMiddleware(registry=registry, app_name="any")
    return {family.name + suffix for family in registry.collect()
            for suffix in SUFFIXES.get(family.type, ("",))}


def metric_names(expr: str) -> set[str]:
    bare = re.sub(r'"[^"]*"', '""', expr)  # label values are not names
    return {name for name in re.findall(r"\b[a-z_][a-z0-9_]*\b", bare)
            if name.startswith(("qa_", "faststream_", "kafka_", "kube_")) or name == "up"}


def rules() -> list[dict]:
    return [rule for group in RULES["groups"] for rule in group["rules"]]


def test_promtool_checks_the_rules():
    result = promtool("check", "rules", "alerts.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_unit_tests_of_the_rules_pass():
    result = promtool("test", "rules", "alerts.test.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_is_unit_tested_and_has_a_severity_and_a_summary():
    tested = (HERE / "alerts.test.yaml").read_text()
    for rule in rules():
        assert f"alertname: {rule['alert']}\n" in tested, rule["alert"]
        assert rule["labels"]["severity"] in {"page", "ticket"}, rule["alert"]
        assert rule["annotations"]["summary"], rule["alert"]


def test_rules_and_dashboard_name_only_metrics_that_exist():
    known = exposed() | set(EXTERNAL)
    exprs = [rule["expr"] for rule in rules()] + [
        target["expr"] for panel in DASHBOARD["panels"] for target in panel.get("targets", [])]
    used = set().union(*(metric_names(e) for e in exprs))
    assert used <= known, used - known
    readme = (HERE / "README.md").read_text()
    for name, source in EXTERNAL.items():
        assert name in readme and source in readme, name


def test_the_dashboard_is_well_formed():
    ids = [panel["id"] for panel in DASHBOARD["panels"]]
    assert len(ids) == len(set(ids))
    assert DASHBOARD["uid"] and DASHBOARD["templating"]["list"][0]["type"] == "datasource"
    charts = [p for p in DASHBOARD["panels"] if p["type"] != "row"]
    assert charts and all(p["targets"] and p["datasource"]["uid"] == "${datasource}"
                          for p in charts)
