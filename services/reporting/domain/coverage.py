"""Coverage over the last 12 months: who has been audited and observed (pure)."""

from __future__ import annotations

from collections import Counter
from typing import Any

Rows = list[dict[str, Any]]
MEETINGS_NEEDED = {"head_of_service": 2, "director": 1}


def coverage(staff: Rows, audits: Rows, observations: Rows) -> dict[str, Any]:
    """`audits` and `observations`: the last 12 months' facts."""
    audited = Counter(a.get("social_worker_id") for a in audits)
    observed = Counter((o.get("kind"), o.get("worker_id")) for o in observations)
    managers = {s.get("line_manager_id") for s in staff if s.get("line_manager_id")}
    rows = []
    for person in sorted(staff, key=lambda s: (s.get("team_id") or "", s["_id"])):
        if not person.get("active", True):
            continue
        pid = person["_id"]
        row = {"person_id": pid, "team_id": person.get("team_id"),
               "job_role": person.get("job_role"),
               "case_audited": audited[pid] > 0,
               "practice_observed": observed[("practice", pid)] + observed[("asye", pid)] > 0,
               "asye_observed": (observed[("asye", pid)] > 0) if person.get("asye") else None,
               "supervision_observed": (observed[("supervision", pid)] > 0)
               if pid in managers else None}
        row["complete"] = all(v is not False for k, v in row.items()
                              if k in ("case_audited", "practice_observed", "asye_observed",
                                       "supervision_observed"))
        rows.append(row)
    meetings = Counter((o.get("observer_role"), o.get("observer_id"))
                       for o in observations if o.get("kind") == "meeting")
    leaders = [s for s in staff if s.get("active", True) and _leader_role(s)]
    leader_rows = [{"person_id": s["_id"], "role": _leader_role(s),
                    "meetings_observed": meetings[(_leader_role(s), s["_id"])],
                    "needed": MEETINGS_NEEDED[_leader_role(s)]} for s in leaders]
    for r in leader_rows:
        r["met"] = r["meetings_observed"] >= r["needed"]
    return {
        "workers": rows,
        "summary": {"workers": len(rows),
                    "case_audited": sum(1 for r in rows if r["case_audited"]),
                    "practice_observed": sum(1 for r in rows if r["practice_observed"]),
                    "complete": sum(1 for r in rows if r["complete"])},
        "meeting_observers": leader_rows,
    }


def _leader_role(person: dict[str, Any]) -> str | None:
    text = " ".join([person.get("job_role") or "", *person.get("roles", [])]).lower()
    if "director" in text:
        return "director"
    if "head_of_service" in text or "head of service" in text:
        return "head_of_service"
    return None
