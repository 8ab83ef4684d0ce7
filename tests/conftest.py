"""Layers are folders: unit, component, integration, e2e, resilience, browser. Each test is
marked with its folder's name, so `pytest -m unit` runs one layer alone."""

from __future__ import annotations

import pytest

LAYERS = {"unit", "component", "integration", "e2e", "resilience", "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        layer = item.path.parent.name
        if layer in LAYERS:
            item.add_marker(getattr(pytest.mark, layer))
