"""The access log reaches beyond audit capture (issue 14): a team manager's view of a child's
Safety Link statement in feedback ingestion, and the practice learning team's view of the
learning circles naming the child in learning, each reach data protection's access log over
qa.access; the officer finds both by the child's case reference. Real Kafka, store and all
six services."""

from __future__ import annotations


from shared.england_time import england_today
from tests.support.auth import bearer
from tests.support.factories import feedback_item, uid
from tests.support.waiting import eventually

OFFICER = bearer("data_protection_officer", sub="dpo-reach")


async def test_a_statement_view_and_a_circles_view_appear_in_the_access_log(services, http):
    case_ref, team = uid("TEST-CASE"), uid("team")
    feedback, learning = services.url("feedback_ingestion"), services.url("learning")
    item = await http.post(f"{feedback}/feedback/items", headers=bearer("integration"),
                           json=feedback_item(source="momo", team_id=team, case_ref=case_ref,
                                              safety_link=True, received_on=str(england_today()),
                                              text="Synthetic: I feel unsafe at the fictional "
                                                   "house."))
    assert item.status_code == 201, item.text
    item_id = item.json()["item_id"]
    manager, plt = uid("hos"), uid("plt")
    statement = await http.get(f"{feedback}/statements/{item_id}", headers=bearer(
        "head_of_quality", sub=manager) | {"Accept": "text/html"})
    assert statement.status_code == 200, statement.text
    circle = await http.post(f"{learning}/learning-circles/proposals", headers=bearer(
        "practice_learning_team", sub=plt), json={
        "case_ref": case_ref, "team_id": team, "plan_start_date": "2024-01-15",
        "reason": "Synthetic: a second plan"})
    assert circle.status_code == 201, circle.text
    circles = await http.get(f"{learning}/circles", headers=bearer(
        "practice_learning_team", sub=plt) | {"Accept": "text/html"})
    assert circles.status_code == 200 and case_ref in circles.text

    async def both_logged():
        found = await http.get(f"{services.url('data_protection')}/access-log",
                               params={"child": case_ref}, headers=OFFICER)
        entries = found.json() if found.is_success else []
        seen = {(e["reader_id"], e["service"], e["what"]) for e in entries}
        wanted = {(manager, "feedback_ingestion", "GET /statements/{item_id}"),
                  (plt, "learning", "GET /circles")}
        return entries if wanted <= seen else None

    entries = await eventually(both_logged, timeout=30, what="both reads in the access log")
    statement_entry = next(e for e in entries if e["service"] == "feedback_ingestion")
    assert statement_entry["record_id"] == item_id
    assert statement_entry["reader_roles"] == ["head_of_quality"]
    assert all(case_ref not in str(e) for e in entries)  # the subject by pseudonym only
