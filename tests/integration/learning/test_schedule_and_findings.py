"""On the real Kafka and store: a team whose last clinic was seven months ago and has none
planned gets an overdue alert on qa.alert, once; a month's findings summary is signed off by
a member of each of the three audit groups."""

from __future__ import annotations

from datetime import timedelta

import httpx

from schemas import topics
from shared.england_time import england_today
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail
from tests.support.learning import directory, known

TODAY = england_today()


async def test_an_overdue_clinic_raises_an_alert_once(learning):
    team, tm, hos = uid("team"), uid("tm"), uid("hos")
    await directory(team=team, head_of_service=hos, people={tm: {}})
    await known(learning, team=team, people=[tm])
    tm_token = bearer("team_manager", sub=tm)
    long_ago = TODAY - timedelta(days=214)  # about seven months
    async with httpx.AsyncClient() as http, TopicTail(topics.ALERT) as alerts:
        clinic = await http.post(f"{learning.url}/meetings", headers=tm_token, json={
            "kind": "performance_clinic", "title": "Synthetic clinic, long ago",
            "team_id": team, "scheduled_for": str(long_ago), "chair_id": tm})
        assert clinic.status_code == 201, clinic.text
        held = await http.post(f"{learning.url}/meetings/{clinic.json()['_id']}/held",
                               headers=tm_token, json={"held_on": str(long_ago)})
        assert held.status_code == 200, held.text
        alert = await alerts.wait_for(lambda m: m["event_type"] == "alert.raised"
                                      and m["data"]["about_id"] == team)
        assert alert["data"]["kind"] == "clinic_overdue"
        assert alert["data"]["escalated_to"] == hos and alert["data"]["urgent"] is True
        schedule = (await http.get(f"{learning.url}/clinic-schedule", headers=tm_token)).json()
        row = next(r for r in schedule if r["_id"] == team)
        assert row["state"] == "overdue" and row["last_held_on"] == str(long_ago)
        learning.clock.jump_to(learning.clock.now() + timedelta(seconds=1))  # look again
        again: list[dict] = []
        await alerts.examine_to_end(lambda m: again.append(m)
                                    if m["data"].get("about_id") == team else None)
        assert again == []  # raised once


async def test_a_monthly_summary_signed_off_by_the_three_audit_groups(learning):
    team = uid("team")
    members = {uid("auditor"): {"audit_group": g} for g in (1, 2, 3)}
    outsider = uid("sw")
    await directory(team=team, people={**members, outsider: {}})
    await known(learning, team=team, people=[*members, outsider])
    month = unique_month()
    url = f"{learning.url}/findings/{month}"
    async with httpx.AsyncClient() as http, TopicTail(topics.LEARNING) as facts:
        written = await http.put(url, headers=bearer("head_of_quality", sub="hoq-001"), json={
            "headline_themes": ["Synthetic: plans drift after six months"],
            "recommendations": ["Synthetic: a reminder at five months"]})
        assert written.status_code == 200, written.text
        nobody = await http.post(f"{url}/sign-off", headers=bearer("auditor", sub=outsider),
                                 json={"verdict": "agree"})
        assert nobody.status_code == 403
        for person, verdict in zip(members, ("agree", "comment", "agree"), strict=True):
            signed = await http.post(f"{url}/sign-off", headers=bearer("auditor", sub=person),
                                     json={"verdict": verdict, "comment": "Synthetic comment"})
            assert signed.status_code == 200, signed.text
        twice = await http.post(f"{url}/sign-off", headers=bearer("auditor", sub=next(iter(members))),
                                json={"verdict": "agree"})
        assert twice.status_code == 409
        rewrite = await http.put(url, headers=bearer("head_of_quality"),
                                 json={"headline_themes": ["changed"]})
        assert rewrite.status_code == 409
        complete = await facts.wait_for(lambda m: m["event_type"] == "findings.group_signed_off"
                                        and m["subject"] == month and m["data"]["complete"])
        summary = (await http.get(url, headers=bearer("assistant_director"))).json()
    assert complete["data"]["groups_signed"] == [1, 2, 3]
    assert summary["status"] == "signed_off"
