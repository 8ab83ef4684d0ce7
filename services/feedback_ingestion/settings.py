"""Feedback ingestion's settings: webhook secrets per source, the taxonomy and column mappings
(config/ingestion.json unless QA_INGESTION_CONFIG names another), who may read free text."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import model_validator

from shared.settings import ServiceSettings

from .domain.sources import SOURCES

DEVELOPMENT_WEBHOOK_PREFIX = "development-webhook-secret-"
DEFAULT_CONFIG = Path(__file__).parent / "config" / "ingestion.json"


class FeedbackIngestionSettings(ServiceSettings):
    service_name: str = "feedback_ingestion"
    http_port: int = 8102
    # QA_WEBHOOK_SECRETS='{"momo": "...", "complaint": "..."}': one secret per source.
    webhook_secrets: dict[str, str] = {s: f"{DEVELOPMENT_WEBHOOK_PREFIX}{s}" for s in SOURCES}
    webhook_tolerance_seconds: int = 300
    ingestion_config: Path = DEFAULT_CONFIG
    # Roles that may read free text, case references and quarantined content.
    text_roles: list[str] = ["head_of_quality", "principal_social_worker",
                             "practice_learning_team", "admin"]
    consume_raw_topic: bool = True  # read qa.feedback.raw (upstream systems' raw items)
    import_chunk_rows: int = 500
    import_report_rows: int = 2000  # rows in the answer and on the page; all are in pages
    import_stale_seconds: int = 300  # a running import silent this long was interrupted

    @model_validator(mode="after")
    def _refuse_development_webhook_secrets(self) -> FeedbackIngestionSettings:
        if self.environment == "production":
            weak = [s for s in SOURCES
                    if self.webhook_secrets.get(s, DEVELOPMENT_WEBHOOK_PREFIX)
                    .startswith(DEVELOPMENT_WEBHOOK_PREFIX)
                    or len(self.webhook_secrets.get(s, "")) < 32]
            if weak:
                raise ValueError("refusing to start in production: QA_WEBHOOK_SECRETS needs its "
                                 f"own secret (32+ characters) for {', '.join(weak)}")
        return self

    @cached_property
    def ingestion(self) -> dict[str, Any]:
        return json.loads(self.ingestion_config.read_text(encoding="utf-8"))
