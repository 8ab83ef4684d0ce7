"""The shape every fact function returns."""

from __future__ import annotations

from typing import Any, NamedTuple


class Fact(NamedTuple):
    collection: str
    fact_id: str
    fields: dict[str, Any]
