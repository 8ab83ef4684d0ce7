"""Path values for data protection's pages (issue 14), made in the test since the demo has
none: a subject access request and an erasure for fictional children of the demo's first
team, a legal hold on that team, and a dry retention run (tests/support/demo_pages.py)."""

from __future__ import annotations


from shared.england_time import england_today
from tests.support.auth import bearer
from tests.support.factories import feedback_item, uid

OFFICER = bearer("data_protection_officer", sub="demo-dpo-01")


async def protection_values(services, http, prefix: str) -> dict[str, str]:
    protection, team = services.url("data_protection"), f"{prefix}-01"
    erased_child = f"TEST-{uid('page-erase')}"  # a key for them: known, so erasable
    item = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                           json=feedback_item(source="momo", case_ref=erased_child,
                                              team_id=team), headers=bearer("integration"))
    assert item.status_code in (201, 202), item.text
    made = {
        "request_id": await http.post(f"{protection}/subject-access-requests", headers=OFFICER,
                                      json={"kind": "child", "reference": f"TEST-{uid('sar')}",
                                            "received_on": str(england_today())}),
        "erasure_id": await http.post(f"{protection}/erasures", headers=OFFICER, json={
            "kind": "child", "reference": erased_child, "reason": "Fictional: art. 17"}),
        "hold_id": await http.post(f"{protection}/legal-holds", headers=OFFICER, json={
            "team_id": team, "reason": "Fictional inquiry's order to keep the team's records"}),
        "run_id": await http.post(f"{protection}/retention/runs", headers=OFFICER,
                                  json={"dry_run": True}),
    }
    for name, answer in made.items():
        assert answer.status_code == 201, (name, answer.text)
    return {name: answer.json()["_id"] for name, answer in made.items()}
