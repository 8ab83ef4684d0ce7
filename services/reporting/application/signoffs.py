"""The head of quality's sign-off of a month's briefing, and the performance team's import
of locality indicators: reporting's two writes, each kept with its events in the outbox."""

from __future__ import annotations

from typing import Any

from ..domain.indicator_import import parse_indicators
from .deps import Deps


class ImportRefused(ValueError):
    """A file with a bad row: nothing is stored or published."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


async def sign_off(deps: Deps, month: str, *, by: str, themes: list[str],
                   outstanding_practice: list[str], commentary: str) -> dict[str, Any]:
    """A new revision of the month's sign-off (event briefing.signed_off)."""
    return await deps.signoffs.sign_off(month, by=by, themes=themes, commentary=commentary,
                                        outstanding_practice=outstanding_practice)


async def import_indicators(deps: Deps, text: str, *, by: str,
                            correlation_id: str | None) -> dict[str, Any]:
    """One `performance.indicator_recorded` per row, or ImportRefused naming every problem."""
    rows, problems = parse_indicators(text, await deps.known.values("team", fresh=True))
    if problems:
        raise ImportRefused(problems)
    return await deps.indicators.record(rows, by=by, correlation_id=correlation_id)
