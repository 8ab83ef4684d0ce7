"""Action reads are scoped by the reader's team and role, in the API and the pages (issue
18, defect 8: any social worker token, even with no team, listed every team's actions with
their descriptions, which are personal data). An action the reader may not see is a 404."""

from __future__ import annotations

from datetime import timedelta

import httpx

from shared.england_time import england_today
from tests.support.action_tracking import in_directory, staff
from tests.support.auth import bearer
from tests.support.factories import uid


async def raise_for(http, tracking, origin: str, owner: str) -> str:
    body = {"origin": {"kind": "performance_clinic", "id": origin}, "key": owner,
            "description": "Synthetic: review the fictional plan", "owner_id": owner,
            "due_date": str(england_today() + timedelta(days=14)), "priority": "high"}
    response = await http.post(f"{tracking.url}/actions", json=body,
                               headers=bearer("head_of_quality"))
    assert response.status_code == 201, response.text
    return response.json()["_id"]


async def test_each_reader_sees_the_actions_of_their_team_and_role(tracking):
    team_a, team_b, origin = uid("team"), uid("team"), uid("clinic")
    sw_a, sw_b, tm_a, colleague = uid("sw"), uid("sw"), uid("tm"), uid("sw")
    await staff(team=team_a, people={tm_a: None, sw_a: tm_a, colleague: tm_a})
    await staff(team=team_b, people={sw_b: None})
    await in_directory(tracking, sw_a, sw_b, tm_a, colleague)
    async with httpx.AsyncClient(base_url=tracking.url) as http:
        in_a = await raise_for(http, tracking, origin, sw_a)
        in_b = await raise_for(http, tracking, origin, sw_b)

        async def listed(headers) -> set[str]:
            response = await http.get("/actions", params={"origin_id": origin}, headers=headers)
            assert response.status_code == 200, response.text
            return {a["_id"] for a in response.json()}

        readers = {
            "social worker, no team": (bearer("social_worker", sub=uid("sw")), set()),
            "social worker, own action": (bearer("social_worker", sub=sw_a), {in_a}),
            "social worker, team A": (bearer("social_worker", sub=colleague, team=team_a),
                                      {in_a}),
            "auditor, no team": (bearer("auditor", sub=uid("aud")), set()),
            "team manager of A": (bearer("team_manager", sub=tm_a, team=team_a), {in_a}),
            "team manager, no team": (bearer("team_manager", sub=uid("tm")), set()),
            "head of quality": (bearer("head_of_quality"), {in_a, in_b}),
            "principal social worker": (bearer("principal_social_worker"), {in_a, in_b}),
            "director": (bearer("director"), {in_a, in_b}),
        }
        for who, (headers, expected) in readers.items():
            assert await listed(headers) == expected, who
            for action_id in (in_a, in_b):
                wanted = 200 if action_id in expected else 404
                for path in (f"/actions/{action_id}", f"/actions/{action_id}/history",
                             f"/action/{action_id}"):
                    response = await http.get(path, headers=headers)
                    assert response.status_code == wanted, (who, path, response.status_code)
        hidden = await http.get(f"/action/{in_b}", headers=bearer("social_worker", sub=sw_a))
        assert "Synthetic: review" not in hidden.text
