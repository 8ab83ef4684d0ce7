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
    value_b64: str = Field(description="Original value bytes, base64 (only the first of them "
                                       "when value_truncated)")
    value_truncated: bool = Field(
        default=False, description="The original was too large for a letter: value_b64 holds "
                                   "its beginning (or nothing); value_sha256 identifies it")
    value_size: int | None = Field(default=None, description="Original value's length, bytes")
    value_sha256: str | None = Field(default=None, description="Original value's sha256, hex")
    error: str
    consumer_group: str
    failed_at: datetime
