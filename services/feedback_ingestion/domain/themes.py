"""Themes tagged from a configurable taxonomy: a theme is added when any keyword appears."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

Taxonomy = Mapping[str, list[str]]


@lru_cache(maxsize=1024)
def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern per theme: any of its keywords as a whole word."""
    return re.compile(r"\b(?:" + "|".join(re.escape(k.lower()) for k in keywords) + r")\b")


def tag(texts: Iterable[str], taxonomy: Taxonomy, *, given: Iterable[str] = ()) -> list[str]:
    """The source's own themes plus every taxonomy theme whose keywords occur in the texts."""
    themes = {t.strip().lower() for t in given if t.strip()}
    lowered = " ".join(texts).lower()
    if lowered:
        for theme, keywords in taxonomy.items():
            if keywords and theme not in themes and _pattern(tuple(keywords)).search(lowered):
                themes.add(theme)
    return sorted(themes)
