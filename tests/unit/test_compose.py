"""docker-compose.yml sets the same QA_* variables the settings classes read."""

from pathlib import Path

import yaml

from services.action_tracking.settings import ActionTrackingSettings
from services.audit_capture.settings import AuditCaptureSettings
from services.data_protection.settings import DataProtectionSettings
from services.feedback_ingestion.settings import FeedbackIngestionSettings
from services.learning.settings import LearningSettings
from services.reporting.settings import ReportingSettings

COMPOSE = yaml.safe_load((Path(__file__).parents[2] / "docker-compose.yml").read_text())
SETTINGS = {"audit_capture": AuditCaptureSettings, "feedback_ingestion": FeedbackIngestionSettings,
            "action_tracking": ActionTrackingSettings, "reporting": ReportingSettings,
            "learning": LearningSettings, "data_protection": DataProtectionSettings}


def variables(settings_class) -> set[str]:
    prefix = settings_class.model_config["env_prefix"]
    return {f"{prefix}{name}".upper() for name in settings_class.model_fields}


def test_every_service_is_in_compose_with_a_health_check():
    for name in SETTINGS:
        assert name in COMPOSE["services"]
        assert "healthcheck" in COMPOSE["services"][name]


def test_compose_sets_only_variables_the_settings_read():
    for name, settings_class in SETTINGS.items():
        env = set(COMPOSE["services"][name]["environment"])
        assert env <= variables(settings_class), env - variables(settings_class)
        assert {"QA_KAFKA_BOOTSTRAP", "QA_MONGO_URI", "QA_HTTP_PORT"} <= env


def test_compose_ports_match_the_services_defaults():
    for name, settings_class in SETTINGS.items():
        port = str(settings_class.model_fields["http_port"].default)
        assert COMPOSE["services"][name]["environment"]["QA_HTTP_PORT"] == port
