"""Reporting's projections against the real broker and store: known answers, redelivery,
unknown and invalid events, filters."""

from __future__ import annotations

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail
from tests.support.reporting_scenario import EXPECTED, month_of_events, subset_matches
from tests.support.waiting import eventually

from .conftest import publish_all

DIRECTOR = bearer("director")


async def briefing(client, month, **params):
    response = await client.get("/reports/monthly-briefing", headers=DIRECTOR,
                                params={"month": month, **params})
    assert response.status_code == 200, response.text
    return response.json()


async def test_every_figure_matches_events_delivered_twice(reporting):
    app, client, _ = reporting
    month, team, theme = unique_month(), uid("team"), uid("theme")
    await publish_all(app, month_of_events(month, team, theme), twice=True)

    async def all_there():
        body = await briefing(client, month, team=team)
        return body if not subset_matches(body, EXPECTED) else None

    body = await eventually(all_there, what="every briefing figure")
    assert body["empty"] is False and body["note"] is None
    assert body["programme"]["theme"] == theme
    assert body["trends"][-1]["audits_completed"] == 3
    assert body["trends"][-1]["good_or_better_percent"] == 33.3  # as moderated
    themed = await briefing(client, month, team=team, theme=theme)
    assert themed["feedback"]["compliments"] == 2 and themed["complaints"]["received"] == 1

    overdue = (await client.get("/reports/actions", params={"team_id": team},
                                headers=DIRECTOR)).json()
    # (the urgent action the suite's own action tracking may raise from the scenario's
    # Safety Link at any moment is not the scenario's)
    assert [a["overdue"] for a in overdue if a["origin_kind"] == "audit"] == [True, False]


async def test_a_month_without_facts_shows_zeros_and_says_so(reporting):
    _, client, _ = reporting
    body = await briefing(client, unique_month())
    assert body["empty"] is True and "zero" in body["note"]
    assert body["audits"]["completed"] == 0 and body["actions"]["raised"] == 0


async def test_unknown_filter_values_are_refused(reporting):
    _, client, _ = reporting
    for params in ({"team": "no-such-team"}, {"theme": "no-such-theme"},
                   {"month": "2026-13"}):
        response = await client.get("/reports/monthly-briefing", headers=DIRECTOR,
                                    params={"month": "2026-11", **params})
        assert response.status_code == 422, params
        assert response.json()["detail"][0]["loc"][-1] in params


async def test_unknown_types_are_counted_and_invalid_ones_dead_lettered(reporting):
    app, _, settings = reporting
    broker = app.state.runtime.broker
    metrics = app.state.runtime.metrics
    ignored = metrics.events_ignored.labels(topics.AUDIT)
    before = ignored._value.get()
    future = {"event_id": "6f1c7c0e-0000-4000-8000-000000000001", "event_type": "audit.future_thing",
              "schema_version": 1, "source": "tests", "occurred_at": "2026-11-01T00:00:00Z",
              "subject": "a-1", "correlation_id": "c-1", "data": {}}
    invalid = {**future, "event_id": "6f1c7c0e-0000-4000-8000-000000000002",
               "event_type": "audit.submitted", "data": {"audit_id": "a-1"}}
    import json
    async with TopicTail(topics.DEADLETTER) as tail:
        await broker.publish(json.dumps(future).encode(), topics.AUDIT, key=b"a-1")
        await broker.publish(json.dumps(invalid).encode(), topics.AUDIT, key=b"a-1")
        letter = await tail.wait_for(lambda m: m["consumer_group"] == settings.consumer_group
                                     and m["error"].startswith("invalid"))
    assert letter["original_topic"] == topics.AUDIT

    async def counted():
        return ignored._value.get() >= before + 1

    await eventually(counted, what="the unknown type counted")
