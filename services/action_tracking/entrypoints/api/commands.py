"""Bodies of the lifecycle requests (422 with field messages when wrong)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

# Loading history (role admin beside the role the change needs): shared/history.py.
AT = Field(default=None, description="Loading history only (role admin): when the change in "
           "fact happened; not in the future, nor before the action's last change")


class Assign(BaseModel):
    owner_id: str = Field(min_length=1, max_length=128)
    reason: str | None = Field(default=None, max_length=2000)


class Progress(BaseModel):
    note: str = Field(min_length=1, max_length=4000)
    evidence: str | None = Field(default=None, max_length=4000,
                                 description="What shows the progress, if anything")
    at: datetime | None = AT


class Complete(BaseModel):
    evidence: str = Field(min_length=1, max_length=4000, description="What shows it is done")
    note: str | None = Field(default=None, max_length=4000)
    at: datetime | None = AT


class Confirm(BaseModel):
    note: str | None = Field(default=None, max_length=4000)
    at: datetime | None = AT


class WithReason(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class NewDueDate(BaseModel):
    due_date: date = Field(description="The new, agreed due date (today or later)")
    reason: str = Field(min_length=1, max_length=2000, description="Why it was agreed")
    at: datetime | None = AT


class Acknowledge(BaseModel):
    note: str | None = Field(default=None, max_length=2000)
