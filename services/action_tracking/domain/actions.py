"""Actions raised by findings elsewhere (deterministic ids: a redelivery raises nothing new)
and directly by people, for example at a performance clinic."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, field_validator

from schemas.action import ActionOrigin, ActionRaised, OriginKind
from schemas.audit import RaisedAction
from schemas.common import Priority
from shared.envelope import derived_id


def action_id_for(origin_kind: str, origin_id: str, key: str) -> str:
    return derived_id("action", origin_kind, origin_id, key)


def raised_event_id(action_id: str) -> str:
    return derived_id("event", "action.raised", action_id)


def actions_from_finding(
    *, origin_kind: OriginKind, origin_id: str, team_id: str, raised: list[RaisedAction],
    raised_at: datetime, recorded_past: bool = False, case_ref: str | None = None,
) -> list[ActionRaised]:
    """`raised_at`: when the finding was made (an audit loaded as history: its month's
    moment, `recorded_past`), so the actions count in the month that raised them."""
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
            recorded_past=recorded_past,
            case_ref=case_ref,
        )
        for item in raised
    ]


class RaiseAction(BaseModel):
    """A person raises an action directly, linked to the finding (clinic, forum, ...)."""

    origin: ActionOrigin = Field(description="The finding: kind and its id")
    key: str = Field(min_length=1, max_length=64, pattern=r"^[\w.-]+$",
                     description="Unique within the finding: sending it again changes nothing")
    description: str = Field(min_length=1, max_length=4000)
    owner_id: str = Field(min_length=1, max_length=128)
    due_date: date
    priority: Priority = Priority.NORMAL
    recorded_past: bool = Field(default=False,
                                description="Records an action already taken: past due dates allowed")

    @field_validator("description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


class DueDateInPast(ValueError):
    pass


def raise_directly(command: RaiseAction, *, team_id: str, raised_by: str, now: datetime,
                   today: date) -> ActionRaised:
    if command.due_date < today and not command.recorded_past:
        raise DueDateInPast("is in the past; mark recorded_past to record a past action")
    return ActionRaised(
        action_id=action_id_for(command.origin.kind, command.origin.id, command.key),
        origin=command.origin, description=command.description, owner_id=command.owner_id,
        team_id=team_id, due_date=command.due_date, priority=command.priority,
        raised_at=now, raised_by=raised_by, recorded_past=command.recorded_past,
    )
