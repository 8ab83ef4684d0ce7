"""Path values for the Learn stage's pages (issue 13) from a small demo year's own records:
the survey's year, a supervision session (found by the next step action tracking raised
from it) and an L&D programme item, for the pages that take them (tests/support/demo_pages.py)."""

from __future__ import annotations

from shared.envelope import utc_now
from tests.support.auth import bearer


async def learn_values(services, http, prefix: str) -> dict[str, str]:
    hoq = bearer("head_of_quality")
    values = {"year": str(utc_now().year)}
    actions = (await http.get(f"{services.url('action_tracking')}/actions", headers=hoq,
                              params={"team_id": f"{prefix}-01"})).json()
    supervisions = [a["origin"]["id"] for a in actions if a["origin"]["kind"] == "supervision"]
    if supervisions:
        values["supervision_id"] = supervisions[0]
    items = (await http.get(f"{services.url('learning')}/development/programme",
                            headers=hoq)).json()
    ours = [i["_id"] for i in items if i["title"].endswith(f"({prefix})")]
    if ours:
        values["item_id"] = ours[0]
    return values
