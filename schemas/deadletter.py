"""A message a consumer could not decode or validate (topic qa.deadletter)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class DeadLetter(BaseModel):
    """Not wrapped in the envelope: the original may not have been an envelope at all."""

    original_topic: str
    partition: int
    offset: int
    key_b64: str | None = Field(description="Original key bytes, base64")
    value_b64: str = Field(description="Original value bytes, base64")
    error: str
    consumer_group: str
    failed_at: datetime
