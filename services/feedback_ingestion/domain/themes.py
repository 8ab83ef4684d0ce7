"""Themes tagged from a configurable taxonomy: a theme is added when any keyword appears."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

Taxonomy = Mapping[str, list[str]]


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(keyword.lower())}\b")


def tag(texts: Iterable[str], taxonomy: Taxonomy, *, given: Iterable[str] = ()) -> list[str]:
    """The source's own themes plus every taxonomy theme whose keywords occur in the texts."""
    themes = {t.strip().lower() for t in given if t.strip()}
    lowered = " ".join(texts).lower()
    if lowered:
        for theme, keywords in taxonomy.items():
            if theme not in themes and any(_pattern(k).search(lowered) for k in keywords):
                themes.add(theme)
    return sorted(themes)
