"""The learning and development programme (topic qa.learning): a session of a programme item
delivered, with the teams that attended. Counts and team ids only: never who attended."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from . import topics
from .base import EventData, Id, PersonalText


class DevelopmentSessionDelivered(EventData):
    """A learning session of a programme item delivered: the item and its target (a team, an
    area or the whole service), the day, and the teams whose staff attended (no names), so a
    reader can set those teams' later audit grades beside their earlier ones."""

    event_type = "development.session_delivered"
    topic = topics.LEARNING

    item_id: Id
    session_id: Id
    item_title: PersonalText = Field(min_length=1, max_length=200,
                                     description="The programme item, as titled")
    session_title: PersonalText = Field(min_length=1, max_length=200)
    source_kind: str = Field(max_length=40, description=(
        "What the item came from: finding, escalated_theme, learning_need, good_practice, other"))
    scope: str = Field(pattern="^(team|area|service)$")
    team_id: Id | None = Field(default=None, description="The team an item for a team is for")
    area: str | None = Field(default=None, max_length=200, description="An area's item: its area")
    delivered_on: date
    attended_team_ids: list[Id] = Field(default_factory=list, max_length=500)
    attendees: int = Field(ge=0, description="How many attended (who is kept in learning)")

    def subject(self) -> str:
        return self.item_id
