"""Which model checks which source's items, and the reasons an item fails (never its values)."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import ValidationError

from schemas.feedback import FeedbackSource
from shared.envelope import MAX_EVENT_BYTES

from .complaints import ComplaintIn
from .items import FeedbackItemIn

SOURCES: tuple[str, ...] = (*get_args(FeedbackSource), "complaint")
# An item's event is the item with its id, revision and times: this leaves room for them, so
# an item that passes is never refused as an event too large to publish.
ITEM_MAX_BYTES = MAX_EVENT_BYTES - 16 * 1024


class Invalid(Exception):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def reasons_of(error: ValidationError) -> list[str]:
    """Field locations and messages only: input values may hold personal data."""
    return [f"{'.'.join(str(p) for p in e['loc']) or 'item'}: {e['msg']}"
            for e in error.errors(include_input=False, include_url=False)]


def parse(source: str, raw: Any) -> FeedbackItemIn | ComplaintIn:
    """The checked item, or Invalid with every reason."""
    if source not in SOURCES:
        raise Invalid([f"source: unknown source {source!r}"])
    if not isinstance(raw, dict):
        raise Invalid(["item: must be a JSON object"])
    given = raw.get("source")
    if given not in (None, source):
        raise Invalid([f"source: this item says {given!r} but came in as {source!r}"])
    model = ComplaintIn if source == "complaint" else FeedbackItemIn
    try:
        item = model.model_validate({**raw, "source": source})
    except ValidationError as error:
        raise Invalid(reasons_of(error)) from None
    size = len(item.model_dump_json())
    if size > ITEM_MAX_BYTES:
        raise Invalid([f"item: {size:,} bytes, more than the {ITEM_MAX_BYTES:,} an item may "
                       "hold: shorten its text"])
    return item
