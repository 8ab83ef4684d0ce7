"""The visibility rule (domain/visibility.py, `Viewer.sees`) as a store query, for the
actions and alerts a person may see."""

from __future__ import annotations

from typing import Any

from ..domain.visibility import Viewer


def seen_by(viewer: Viewer, *, everything: bool | None = None, **also: Any) -> dict[str, Any]:
    """`also` is repeated inside each branch of the $or, so each branch is one index range
    (an $or beside another condition is not split). `everything`: whether this viewer sees
    all (alerts: `sees_all`, the default; actions: `sees_all_actions`)."""
    if viewer.sees_all if everything is None else everything:
        return also
    return {"$or": [{"owner_id": viewer.person_id, **also},
                    {"escalated_to": viewer.person_id, **also},
                    {"team_id": {"$in": sorted(viewer.teams)}, **also}]}
