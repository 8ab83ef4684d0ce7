"""The roles the framework gives observation duties record practice observations (issue 11);
a refusal names the roles that may, as JSON for the API and on a page for people."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import uid


def _observation() -> dict:
    return {"worker_id": uid("sw"), "team_id": uid("team"), "observed_on": "2026-05-04",
            "kind": "practice", "consent_confirmed": True,
            "critique": "Synthetic critique"}


async def test_the_head_of_quality_practice_learning_team_and_auditors_observe(client):
    for role in ("head_of_quality", "practice_learning_team", "auditor", "team_manager"):
        made = await client.post("/observations/practice", json=_observation(),
                                 headers=bearer(role, sub=f"{role}-obs"))
        assert made.status_code == 201, (role, made.text)


async def test_a_refusal_names_the_roles_as_json_and_on_a_page(client):
    worker = bearer("performance_team", sub="perf-obs")
    api = await client.post("/observations/practice", json=_observation(), headers=worker)
    assert api.status_code == 403 and api.headers["content-type"] == "application/json"
    assert api.json()["detail"] == (
        "requires one of: auditor, head_of_quality, head_of_service, practice_learning_team, "
        "principal_social_worker, team_manager")
    page = await client.get("/observe/practice", headers=worker | {"Accept": "text/html"})
    assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")
    assert "<strong>auditor, head of quality, head of service, practice learning team, " \
           "principal social worker, team manager</strong>" in page.text
    assert '<a href="/">Go to your home page</a>' in page.text
    assert "<nav" in page.text  # in the platform's layout
