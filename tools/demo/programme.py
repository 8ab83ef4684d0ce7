"""Each month's programme as the head of quality and the auditors work it, through audit
capture's API: the case list imported, the sample drawn (one case per auditor of the month's
audit group), each case allocated, and each audit submitted against its allocation, loaded
as history (`submitted_at`, by a token holding admin beside auditor) so it is on time or
late against the allocation's deadline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
from tqdm import tqdm

from .allocation_data import Allocation, Allocations
from .data import HEAD_OF_QUALITY

if TYPE_CHECKING:
    from .__main__ import Demo

CASE_FIELDS = ("month", "case_ref", "team_id", "auditor_ids", "deadline")  # the allocation's


class MonthProgramme:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.url = demo.args.audit_capture
        self.hoq = demo.as_person("head_of_quality", HEAD_OF_QUALITY)
        self.allocations = Allocations(demo.run_id, demo.months)
        self.mine = set(demo.people.teams)

    def allocate(self, client: httpx.Client, month: str, auditors: list[str],
                 bar: tqdm) -> list[tuple[Allocation, str]]:
        """The case list, the sample (the month's own if it holds our cases: a re-run) and
        the allocations, each with its audit's id. A case whose auditor already has one this month (another demo in
        the same store) is left unallocated."""
        self.demo.learn.case_list(client, month, bar)
        size = self.allocations.sample_size(auditors, self.demo.args.audits_per_month)
        sampled = [c for c in client.get(f"{self.url}/programme/{month}", headers=self.hoq)
                   .json().get("sample") or [] if c["team_id"] in self.mine]
        if not sampled and size:
            sampled = self.demo.post(client, f"{self.url}/programme/{month}/sample",
                                     {"size": size, "seed": self.demo.args.seed},
                                     self.hoq).json()["cases"]
        allocated = []
        for allocation in self.allocations.allocate(month, sampled, auditors):
            answer = self.demo.post(client, f"{self.url}/programme/{month}/allocations",
                                    allocation.body(), self.hoq, ok=(200, 201, 202, 409))
            if answer.status_code != 409:
                allocated.append((allocation, answer.json()["audit_id"]))
            bar.update()
        return allocated

    def submit(self, client: httpx.Client, allocation: Allocation, audit_id: str,
               body: dict) -> None:
        """The audit's findings against its allocation, by its auditor; `body` (data.py's
        audit) gets the allocation's deadline and the moment it was submitted. A re-run
        finds it submitted (409) and leaves it."""
        late = body["deadline"] == f"{allocation.month}-01"  # data.py's draw: late or not
        body["deadline"] = str(allocation.deadline)
        body["submitted_at"] = self.allocations.submitted_at(allocation, late=late).isoformat()
        auditor = self.demo.as_person("auditor", allocation.auditor_id, None, "admin")
        findings = {k: v for k, v in body.items() if k not in CASE_FIELDS}
        self.demo.post(client, f"{self.url}/audits/{audit_id}/submit", findings, auditor,
                       ok=(200, 202, 409))

