"""Reading accepted items and complaints back, free text only for the roles that may."""

from __future__ import annotations

from typing import Any

from shared.auth import Principal

from .deps import Deps
from .privacy import item_view


async def latest_items(deps: Deps, who: Principal, *, source: str | None,
                       limit: int) -> list[dict[str, Any]]:
    """The latest received first, of one source or all."""
    return [item_view(deps, who, d) for d in await deps.items.list(source=source, limit=limit)]


async def item(deps: Deps, who: Principal, item_id: str) -> dict[str, Any] | None:
    found = await deps.items.get(item_id)
    return None if found is None else item_view(deps, who, found)
