"""Every GET page of every service, with its path filled from a small demo year's records
(tests/support/demo.py), and who to open it as: what the names test (tests/e2e) and the
accessibility test (tests/browser) both walk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.reporting.domain.periods import shift
from shared.envelope import utc_now
from tests.support.auth import bearer
from tests.support.demo_learn_pages import learn_values
from tests.support.demo_protection_pages import protection_values
from tests.support.routes import routes_of
from tests.support.waiting import eventually

SERVICES = ("audit_capture", "feedback_ingestion", "action_tracking", "reporting", "learning",
            "data_protection")
PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")
# The roles that see most on a page first (more to check), the narrowest last.
MOST_CAPABLE_FIRST = ("head_of_quality", "principal_social_worker", "director",
                      "head_of_service", "team_manager", "moderator", "auditor",
                      "practice_learning_team", "performance_team", "assistant_director",
                      "lead_member", "admin", "integration", "consultant_social_worker",
                      "social_worker", "data_protection_officer")


@dataclass(frozen=True)
class DemoPage:
    service: str
    path: str
    roles: frozenset[str]


def person_for(role: str) -> str:
    """Who signs in as the role: a worker of the demo's first team, or its manager; the
    council's data protection officer, who works in no team of the directory."""
    if role == "data_protection_officer":
        return "demo-dpo-01"
    return "demo-sw-01-01" if role == "social_worker" else "demo-tm-01"


def most_capable(roles) -> str:
    return min(roles, key=lambda r: MOST_CAPABLE_FIRST.index(r)
               if r in MOST_CAPABLE_FIRST else len(MOST_CAPABLE_FIRST))


async def _first_id(http, url: str, params: dict[str, str] | None = None) -> str | None:
    answer = await http.get(url, params=params, headers=bearer("head_of_quality"))
    rows = answer.json() if answer.status_code == 200 else []
    return rows[0]["_id"] if isinstance(rows, list) and rows else None


async def demo_pages(services, http, prefix: str, month: str) -> list[DemoPage]:
    """Every protected GET page (server-sent streams, API docs and file downloads left out)
    whose path parameters the demo's records can fill."""
    facts = f"{services.url('reporting')}/reports/facts"
    team = f"{prefix}-01"
    values = {"month": month, "team": team, "team_id": team, "auditor_id": "demo-tm-01",
              "person_id": "demo-tm-01",
              "quarter": f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}"}
    lists = {"audit_id": (f"{facts}/audits", {"month": month}),
             "action_id": (f"{services.url('action_tracking')}/actions", {"team_id": team}),
             "meeting_id": (f"{services.url('learning')}/meetings", {}),
             "theme_id": (f"{services.url('audit_capture')}/themes", {})}
    for name, (url, params) in lists.items():  # the demo's own first, else any there is
        found = await _first_id(http, url, params) or await _first_id(http, url)
        if found:
            values[name] = found
    values |= await learn_values(services, http, prefix)
    values |= await protection_values(services, http, prefix)
    pages = []
    for service in SERVICES:
        for route in routes_of(service):
            if (route.method != "GET" or not route.protected or "{fmt" in route.path
                    or route.path.endswith(("/stream", ".pdf", ".csv", "/docs"))):
                continue  # streams never end; /docs is Swagger UI's, not ours
            if any(p not in values for p in PARAMETER.findall(route.path)):
                continue
            path = PARAMETER.sub(lambda m: values[m.group(1)], route.path)
            pages.append(DemoPage(service, path, frozenset(route.roles)))
    return pages


async def demo_reported(services, http, prefix: str) -> str:
    """Waits until reporting shows the demo's workers by name (the directory reached it) and
    has projected last month's audits; returns that month, the demo's fullest."""
    month = shift(utc_now().strftime("%Y-%m"), -1)
    reporting = services.url("reporting")

    async def directory_and_audits_reported():
        page = await http.get(f"{reporting}/coverage", params={"team": f"{prefix}-01"},
                              headers=bearer("head_of_quality") | {"Accept": "text/html"})
        briefing = await http.get(f"{reporting}/reports/monthly-briefing",
                                  params={"month": month}, headers=bearer("director"))
        return ("Demo Worker 01-01" in page.text and briefing.status_code == 200
                and briefing.json()["audits"]["completed"] >= 3)

    await eventually(directory_and_audits_reported,
                     what="the demo's directory and audits in reporting", timeout=120)
    return month
