"""What time it is, injectable: tests and the benchmark move "now" instead of waiting for
real dates. Production uses the system clock; an offset clock still ticks in real time."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from shared.envelope import utc_now


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return utc_now()


class OffsetClock:
    """Real time shifted by an offset that tests set or move (`jump_to`)."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset
        self.listeners: list = []

    def now(self) -> datetime:
        return utc_now() + self.offset

    def jump_to(self, moment: datetime) -> None:
        self.offset = moment - utc_now()
        for wake in self.listeners:
            wake()
