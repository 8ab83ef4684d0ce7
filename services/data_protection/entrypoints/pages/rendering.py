"""The pages' templates: the service's own (services/data_protection/templates) before the
shared ones."""

from __future__ import annotations

from pathlib import Path

from shared.web import page_templates

templates = page_templates(Path(__file__).parents[2] / "templates")
