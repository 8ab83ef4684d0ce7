"""A rebuild replays the log into new collections and gives identical figures; a second
rebuild gives the same read models again."""

from __future__ import annotations

from services.reporting.adapters.generations import Generations, physical
from services.reporting.domain import names
from services.reporting.rebuild import rebuild
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.reporting_scenario import EXPECTED, month_of_events, subset_matches
from tests.support.waiting import eventually

from .conftest import publish_all

DIRECTOR = bearer("director")
# The suite's own action tracking, when it runs, turns the scenario's Safety Link into an
# urgent action whenever it gets to it, perhaps between the snapshot and the rebuild: the
# comparison leaves that action (and the open actions it may add to) out.
URGENT_ORIGINS = ["safety_link", "safeguarding_concern"]


def scenario_only(team: str) -> dict:
    return {"team_id": team, "origin_kind": {"$nin": URGENT_ORIGINS}}


def without_open_actions(briefing: dict) -> dict:
    actions = {k: v for k, v in briefing["actions"].items() if k not in ("overdue_now", "open")}
    return {**briefing, "actions": actions}


async def test_a_rebuild_gives_identical_results_and_swaps_in(reporting):
    app, client, settings = reporting
    month, team, theme = unique_month(), uid("team"), uid("theme")
    await publish_all(app, month_of_events(month, team, theme))

    async def read():
        response = await client.get("/reports/monthly-briefing", headers=DIRECTOR,
                                    params={"month": month, "team": team})
        return response.json()

    async def complete():
        body = await read()
        return body if not subset_matches(body, EXPECTED) else None

    before = await eventually(complete, what="live projection complete")
    db = app.state.runtime.store.db
    facts_before = {c: await db[c].find(scenario_only(team)).sort("_id").to_list(None)
                    for c in (names.AUDITS, names.ACTIONS, names.COMPLAINTS, names.FEEDBACK)}

    result = await rebuild(settings, progress=False)
    assert result.generation == 1 and result.previous == 0 and result.applied >= 19

    generations = Generations(app.state.runtime.store)
    assert await generations.active() == 1
    assert without_open_actions(await read()) == without_open_actions(before)
    for collection, documents in facts_before.items():
        rebuilt = await db[physical(collection, 1)].find(scenario_only(team)).sort("_id") \
            .to_list(None)
        assert rebuilt == documents, collection
    assert names.AUDITS not in await db.list_collection_names()  # the old one was dropped

    again = await rebuild(settings, progress=False)  # twice: the same read models again
    assert (again.generation, again.previous) == (2, 1) and await generations.active() == 2
    assert without_open_actions(await read()) == without_open_actions(before)
    for collection, documents in facts_before.items():
        rebuilt = await db[physical(collection, 2)].find(scenario_only(team)).sort("_id") \
            .to_list(None)
        assert rebuilt == documents, collection
