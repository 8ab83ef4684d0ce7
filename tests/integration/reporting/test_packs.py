"""Forum pack, clinic pack, coverage, complaints and impact against known events."""

from __future__ import annotations


from schemas.directory import StaffMemberUpserted
from services.reporting.domain.periods import quarter_of
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.reporting_scenario import month_of_events
from tests.support.waiting import eventually

from .conftest import publish_all

DIRECTOR = bearer("director")


async def test_packs_from_one_synthetic_month(reporting):
    app, client, _ = reporting
    month, team, theme = unique_month(), uid("team"), uid("theme")
    events = month_of_events(month, team, theme)
    audits = [e for e in events if e.event_type == "audit.submitted"]
    manager = uid("tm")
    inadequate_worker = audits[2].social_worker_id
    events += [StaffMemberUpserted(person_id=inadequate_worker, display_name="Fictional Worker",
                                   team_id=team, job_role="social worker",
                                   line_manager_id=manager),
               StaffMemberUpserted(person_id=uid("hos"), display_name="Fictional Head",
                                   team_id=team, job_role="head of service")]
    await publish_all(app, events)

    async def forum():
        body = (await client.get("/reports/forum-pack", headers=DIRECTOR,
                                 params={"quarter": quarter_of(month), "team": team})).json()
        return body if body["audits"]["completed"] == 3 and body["observations"]["done"] == 2 \
            else None

    pack = await eventually(forum, what="the forum pack")
    assert pack["themes"]["audit_programme"] == {month: theme}
    assert pack["childrens_views"]["momo_statements"] == 1
    assert len(pack["trends"]) == 3

    async def coverage():
        body = (await client.get("/reports/coverage", headers=DIRECTOR,
                                 params={"team": team})).json()
        return body if len(body["workers"]) == 2 else None

    grid = await eventually(coverage, what="coverage of the team")
    assert grid["meeting_observers"][0]["needed"] == 2

    clinic = {"team": team, "to_month": month, "months": 3}
    async def my_clinic_pack():
        # The directory's facts come on their own topic: wait for them, not for the audits.
        body = (await client.get("/reports/clinic-pack", params=clinic,
                                 headers=bearer("team_manager", sub=manager))).json()
        return body if body["individuals_needing_support"] else None

    mine = await eventually(my_clinic_pack, what="the manager's view of the clinic pack")
    assert mine["individuals_needing_support"] == [
        {"worker_id": inadequate_worker, "worker_name": "Fictional Worker", "audits": 1,
         "below_good": 1}]
    theirs = (await client.get("/reports/clinic-pack", params=clinic,
                               headers=bearer("team_manager", sub="another-manager"))).json()
    assert theirs["individuals_needing_support"] == []
    assert theirs["audits"]["completed"] == 3
    too_long = await client.get("/reports/clinic-pack", params={**clinic, "months": 7},
                                headers=DIRECTOR)
    assert too_long.status_code == 422

    year = int(month[:4])
    complaints = (await client.get("/reports/complaints", headers=DIRECTOR,
                                   params={"year": year, "team": team})).json()
    assert complaints["this_year"]["received"] == 1 and complaints["last_year"]["received"] == 0
    assert complaints["year_on_year"]["received"] == 1
    assert len(complaints["stage2_past_65_working_days"]) == 1

    impact = (await client.get("/reports/impact", headers=DIRECTOR,
                               params={"month": month, "team": team})).json()
    assert impact["how_much_did_we_do"]["audits"] == 3
    assert impact["how_well_did_we_do_it"]["actions_completed_in_time_percent"] == 100.0

    page = await client.get("/forum", params={"quarter": quarter_of(month)}, headers=DIRECTOR)
    assert page.status_code == 200 and page.text.count("<svg") == 2
    grid_page = await client.get("/coverage", params={"team": team}, headers=DIRECTOR)
    assert grid_page.text.count('class="no"') >= 1
    pdf = await client.get("/reports/forum-pack.pdf", params={"quarter": quarter_of(month)},
                           headers=DIRECTOR)
    assert pdf.content[:5] == b"%PDF-"

