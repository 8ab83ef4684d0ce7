"""Actions raised by findings elsewhere: deterministic ids so a redelivery raises nothing new."""

from __future__ import annotations

from datetime import datetime

from schemas.action import ActionOrigin, ActionRaised, OriginKind
from schemas.audit import RaisedAction
from shared.envelope import derived_id


def action_id_for(origin_kind: str, origin_id: str, key: str) -> str:
    return derived_id("action", origin_kind, origin_id, key)


def raised_event_id(action_id: str) -> str:
    return derived_id("event", "action.raised", action_id)


def actions_from_finding(
    *, origin_kind: OriginKind, origin_id: str, team_id: str, raised: list[RaisedAction],
    raised_at: datetime,
) -> list[ActionRaised]:
    return [
        ActionRaised(
            action_id=action_id_for(origin_kind, origin_id, item.key),
            origin=ActionOrigin(kind=origin_kind, id=origin_id),
            description=item.description,
            owner_id=item.owner_id,
            team_id=team_id,
            due_date=item.due_date,
            priority=item.priority,
            raised_at=raised_at,
        )
        for item in raised
    ]
