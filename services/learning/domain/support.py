"""Who sees the people a clinic decided need support (pure): their line manager and the head
of service over their team, nobody else; never published."""

from __future__ import annotations

from typing import Any


def may_see(viewer_id: str, person: dict[str, Any] | None, team: dict[str, Any] | None) -> bool:
    """`person` and their `team` as the staff directory has them."""
    if person is None:
        return False
    if person.get("line_manager_id") == viewer_id:
        return True
    return bool(team and team.get("head_of_service_id") == viewer_id)
