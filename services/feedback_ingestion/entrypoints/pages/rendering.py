"""The service's templates (services/feedback_ingestion/templates), for every page."""

from __future__ import annotations

from pathlib import Path

from shared.web import page_templates

templates = page_templates(Path(__file__).parents[2] / "templates")
