"""What an import's state means to the person looking at it (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

INTERRUPTED_NOTE = ("The import stopped before the end of the file (the process ended). "
                    "Import the same file again: rows already taken in count as duplicates.")


def shown_status(record: dict[str, Any], *, now: datetime, stale_after: timedelta) -> str:
    """`running` only while it shows signs of life: each chunk of rows it finishes updates
    `progress_at`, so one silent for longer than `stale_after` was interrupted."""
    if record.get("status") != "running":
        return record.get("status", "unknown")
    last = record.get("progress_at") or record.get("started_at")
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=now.tzinfo)  # the store gives back naive UTC
    return "interrupted" if last is None or now - last > stale_after else "running"


def with_shown_status(record: dict[str, Any], *, now: datetime,
                      stale_after: timedelta) -> dict[str, Any]:
    status = shown_status(record, now=now, stale_after=stale_after)
    note = INTERRUPTED_NOTE if status == "interrupted" else None
    return {**record, "status": status, **({"note": note} if note else {})}
