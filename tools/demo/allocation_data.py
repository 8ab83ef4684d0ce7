"""Each month's allocations, as the head of quality makes them (pure; reproducible): every
sampled case given to one auditor of the month's audit group, one case each (the framework's
"1 case per person within a 2 week window"), and when each allocated audit was submitted.
In the latest month a few are not audited yet. From a generator of its own, so the rest of
the year draws as before."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

WINDOW_DAYS = 14  # audit capture's allocation window (domain/allocation.py), from the 1st
LATE_BY_DAYS = (1, 7)  # a late audit comes in within a week of its deadline


@dataclass(frozen=True)
class Allocation:
    month: str
    case_ref: str
    team_id: str
    category: str | None
    social_worker_id: str | None
    auditor_id: str
    audited: bool  # False: still open in the latest month

    @property
    def deadline(self) -> date:
        return date.fromisoformat(f"{self.month}-01") + timedelta(days=WINDOW_DAYS - 1)

    def body(self) -> dict:
        return {"case_ref": self.case_ref, "team_id": self.team_id, "category": self.category,
                "social_worker_id": self.social_worker_id, "auditor_ids": [self.auditor_id]}


class Allocations:
    def __init__(self, run_id: str, months: list[str]) -> None:
        self.rng = random.Random(f"allocations-{run_id}")
        self.latest = months[-1]

    @staticmethod
    def sample_size(auditors: list[str], wanted: int) -> int:
        """No more cases than the month's group has auditors: one case each."""
        return min(wanted, len(auditors))

    def allocate(self, month: str, sampled: list[dict], auditors: list[str]) -> list[Allocation]:
        """Each sampled case to a different auditor of the group; in the latest month about
        one in five (at least one, never all) left unaudited."""
        chosen = self.rng.sample(auditors, min(len(sampled), len(auditors)))
        still_open: set[int] = set()
        if month == self.latest and len(chosen) > 1:
            still_open = set(self.rng.sample(range(len(chosen)), max(1, len(chosen) // 5)))
        return [Allocation(month, case["case_ref"], case["team_id"], case.get("category"),
                           case.get("social_worker_id"), auditor, n not in still_open)
                for n, (case, auditor) in enumerate(zip(sampled, chosen, strict=False))]

    def submitted_at(self, allocation: Allocation, *, late: bool,
                     now: datetime | None = None) -> datetime:
        """A working-hours moment within the window (from its 2nd day to the deadline), or a
        late one up to a week after it; never later than ten minutes ago."""
        starts = date.fromisoformat(f"{allocation.month}-02")
        day = (allocation.deadline + timedelta(days=self.rng.randint(*LATE_BY_DAYS)) if late
               else starts + timedelta(days=self.rng.randint(0, (allocation.deadline - starts).days)))
        moment = datetime.combine(day, time(self.rng.randint(9, 16), self.rng.randint(0, 59)), UTC)
        return min(moment, (now or datetime.now(UTC)) - timedelta(minutes=10))
