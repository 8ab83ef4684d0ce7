"""What the action tracking browser tests share: signing in as someone, a team in the
directory with names, and an action raised for it."""

from __future__ import annotations

from datetime import date

import httpx

from tests.support.action_tracking import in_directory, staff
from tests.support.auth import bearer
from tests.support.factories import uid


async def sign_in(page, url: str, role: str, person: str, team: str = "",
                  then: str = "/") -> None:
    await page.goto(f"{url}/login?next={then}")
    await page.get_by_label("Role").select_option(role)
    await page.get_by_label("Your id in the staff directory").fill(person)
    await page.get_by_label("Team id (optional)").fill(team)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{url}{then}")


async def named_team(tracking, *, hos: str | None = None) -> dict[str, str]:
    """A team with a manager, two workers and perhaps a head of service, all named."""
    ids = {"team": uid("team"), "tm": uid("tm"), "sw": uid("sw"), "sw2": uid("sw")}
    await staff(team=ids["team"], head_of_service=hos, team_name="Fictional Riverside Team",
                people={ids["tm"]: None, ids["sw"]: ids["tm"], ids["sw2"]: ids["tm"]},
                names={ids["tm"]: "Fictional Manager Birch", ids["sw"]: "Fictional Worker Ash",
                       ids["sw2"]: "Fictional Worker Cedar"},
                job_roles={ids["tm"]: "Team manager"})
    await in_directory(tracking, ids["tm"], ids["sw"], ids["sw2"])
    return ids


async def raised(tracking, ids: dict[str, str], due: date,
                 description: str = "Synthetic: refresh the fictional plan") -> str:
    body = {"origin": {"kind": "performance_clinic", "id": uid("clinic")}, "key": "k",
            "description": description, "owner_id": ids["sw"], "due_date": str(due)}
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{tracking.url}/actions", json=body,
                                   headers=bearer("team_manager", sub=ids["tm"]))
    assert response.status_code == 201, response.text
    return response.json()["_id"]
