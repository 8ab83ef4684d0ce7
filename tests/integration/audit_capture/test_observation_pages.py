"""Observers' pages without JavaScript: a practice observation refused without consent
(what was typed kept), then recorded once however often the form is posted; a meeting
observation of a key meeting with the framework's headings."""

from __future__ import annotations

import re

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import TopicTail

MANAGER = bearer("team_manager", sub="tm-pages")


def _form_id(page: str) -> str:
    return re.search(r'name="form_id" value="([^"]+)"', page).group(1)


async def test_a_practice_observation_needs_consent_and_is_recorded_once(client):
    page = await client.get("/observe/practice", headers=MANAGER)
    assert page.status_code == 200 and "Record a practice observation" in page.text
    worker = uid("sw")
    form = {"form_id": _form_id(page.text), "worker_id": worker, "team_id": uid("team"),
            "observed_on": "2026-05-04", "kind": "asye", "observed_scope": "part",
            "critique": "Synthetic critique typed by the observer",
            "shared_with_practice_learning_team": "on"}
    refused = await client.post("/observe/practice", headers=MANAGER, data=form)
    assert refused.status_code == 422
    assert "cannot be recorded without the explicit, informed consent" in refused.text
    assert "Synthetic critique typed by the observer</textarea>" in refused.text
    assert 'value="asye" selected' in refused.text
    async with TopicTail(topics.OBSERVATION) as observations:
        for _ in range(2):  # a double click posts the same form twice
            done = await client.post("/observe/practice", headers=MANAGER,
                                     data=form | {"consent_confirmed": "on"})
            assert done.status_code == 303, done.text
        observation_id = done.headers["location"].split("recorded=")[1]
        event = await observations.wait_for(lambda m: m["subject"] == observation_id)
    assert event["event_type"] == "observation.practice_recorded"
    assert event["data"]["kind"] == "asye" and event["data"]["observed_scope"] == "part"
    assert event["data"]["shared_with_practice_learning_team"] is True
    kept = await client.get("/observations", params={"kind": "practice"}, headers=MANAGER)
    assert [o["_id"] for o in kept.json() if o["worker_id"] == worker] == [observation_id]


async def test_a_meeting_observation_through_the_page(client):
    director = bearer("director", sub=uid("dir"))
    page = await client.get("/observe/meeting", headers=director)
    assert "Family Group Conference" in page.text and "Multi-agency working" in page.text
    form = {"form_id": _form_id(page.text), "meeting_type": "Family Group Conference",
            "observed_on": "2026-05-06", "aspect_pace_comment": "Synthetic: slow start",
            "chair_discussion": "Synthetic discussion", "learning": "Synthetic learning",
            "copy_to_performance_team": "on"}
    refused = await client.post("/observe/meeting", headers=director, data=form)
    assert refused.status_code == 422 and 'id="aspect_pace_grade-error"' in refused.text
    assert 'value="Synthetic: slow start"' in refused.text
    async with TopicTail(topics.OBSERVATION) as observations:
        done = await client.post("/observe/meeting", headers=director,
                                 data=form | {"aspect_pace_grade": "requires_improvement"})
        assert done.status_code == 303, done.text
        observation_id = done.headers["location"].split("recorded=")[1]
        event = await observations.wait_for(lambda m: m["subject"] == observation_id)
    assert event["data"]["observer_role"] == "director"
    assert event["data"]["aspects"] == [{"aspect": "pace", "grade": "requires_improvement",
                                         "comment": "Synthetic: slow start"}]
    assert (await client.get("/observe/meeting", headers=MANAGER)).status_code == 403
