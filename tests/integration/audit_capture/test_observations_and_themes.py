"""Observations, checklists, themed audits and dip samples through HTTP on the real broker."""

from __future__ import annotations

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail

PRACTICE = {"worker_id": "sw-obs", "team_id": "team-obs", "observed_on": "2026-11-02",
            "kind": "asye", "critique": "Synthetic critique", "observed_scope": "part",
            "actions": [{"key": "p1", "description": "Synthetic plan", "owner_id": "tm-obs",
                         "due_date": "2026-12-01"}]}


async def test_observations_need_consent_and_a_key_meeting_and_are_published(client):
    manager = bearer("team_manager", sub="tm-obs")
    async with TopicTail(topics.OBSERVATION) as tail:
        refused = await client.post("/observations/practice", headers=manager,
                                    json=PRACTICE | {"consent_confirmed": False})
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "consent_confirmed"]
        assert "consent" in refused.json()["detail"][0]["msg"]
        assert await tail.new_message_count() == 0
        made = await client.post("/observations/practice", headers=manager,
                                 json=PRACTICE | {"consent_confirmed": True})
        assert made.status_code == 201, made.text
        practice = await tail.wait_for(lambda m: m["subject"] == made.json()["observation_id"])
    assert practice["data"]["actions"][0]["key"] == "p1"
    assert practice["data"]["observed_scope"] == "part"

    meeting = {"meeting_type": "Coffee morning", "observed_on": "2026-11-03",
               "chair_discussion": "Synthetic", "learning": "Synthetic learning",
               "aspects": [{"aspect": "pace", "grade": "good"}]}
    director = bearer("director", sub="dir-obs")
    wrong = await client.post("/observations/meetings", headers=director, json=meeting)
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == [
        "body", "meeting_type"]
    async with TopicTail(topics.OBSERVATION) as tail:
        ok = await client.post("/observations/meetings", headers=director,
                               json=meeting | {"meeting_type": "Legal Planning Meeting"})
        assert ok.status_code == 201
        event = await tail.wait_for(lambda m: m["subject"] == ok.json()["observation_id"])
    assert event["data"]["observer_role"] == "director"
    assert (await client.post("/observations/meetings", headers=manager,
                              json=meeting)).status_code == 403

    checklist = await client.post("/observations/checklists", headers=bearer("auditor"), json={
        "conference_type": "cp_review", "chair_role": "cp_chair", "held_on": "2026-11-04",
        "case_ref": uid("TEST-CASE"), "team_id": "team-obs", "social_worker_id": "sw-obs",
        "answers": [{"item": "Plan is outcome focused", "answer": "partly"}],
        "quality_grade": "good", "impact_grade": "requires_improvement",
        "feedback": "Synthetic feedback for supervision"})
    assert checklist.status_code == 201, checklist.text


async def test_a_dip_sample_records_one_themed_audit_per_case(client):
    hoq, theme = bearer("head_of_quality"), uid("theme")
    defined = await client.put(f"/themes/{theme}", headers=hoq, json={
        "theme_id": theme, "title": "Response to domestic abuse",
        "questions": [{"id": "q1", "text": "Was a DASH risk assessment completed?"},
                      {"id": "q2", "text": "Was the MARAC referral timely?"}]})
    assert defined.status_code == 200
    case = {"team_id": "team-dip", "answers": [{"question_id": "q1", "answer": "yes"},
                                               {"question_id": "q2", "answer": "partly"}]}
    body = {"theme_id": theme, "month": unique_month(), "auditor_ids": ["aud-dip"],
            "partner_agencies": ["Fictional Police", "Fictional Health"],
            "cases": [case | {"case_ref": uid("TEST-DIP")} for _ in range(3)]}
    half = body | {"cases": [body["cases"][0] | {"answers": case["answers"][:1]}]}
    refused = await client.post("/dip-samples", headers=bearer("auditor"), json=half)
    assert refused.status_code == 422 and "exactly once" in refused.json()["detail"][0]["msg"]
    async with TopicTail(topics.AUDIT) as tail:
        made = await client.post("/dip-samples", headers=bearer("auditor"), json=body)
        assert made.status_code == 201 and made.json()["cases"] == 3
        seen: set[str] = set()

        def three(m: dict) -> bool:
            if m["data"].get("dip_sample_id") == made.json()["dip_sample_id"]:
                seen.add(m["data"]["case_ref"])
            return len(seen) == 3

        await tail.wait_for(three)
