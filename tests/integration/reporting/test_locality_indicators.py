"""The performance team imports locality indicators (CSV): events through the outbox, which
reporting projects into the clinic pack; a bad file is refused whole, naming its lines."""

from __future__ import annotations

from services.reporting.adapters.indicator_imports import INDICATOR_IMPORTS
from services.reporting.domain.periods import shift
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.pdf import pdf_text
from tests.support.reporting_scenario import month_of_events
from tests.support.waiting import eventually

from .conftest import publish_all

PERFORMANCE = bearer("performance_team", sub="perf-test")
HEADER = "team_id,month,indicator,value,target,better,practice_issue\n"


def upload(text: str) -> dict:
    return {"file": ("indicators.csv", text.encode("utf-8-sig"), "text/csv")}


async def imports_stored(app) -> int:
    return await app.state.runtime.store.db[INDICATOR_IMPORTS].count_documents({})


async def test_imported_indicators_show_in_the_clinic_pack(reporting):
    app, client, _ = reporting
    month, team = unique_month(), uid("team")
    earlier = shift(month, -1)
    await publish_all(app, month_of_events(month, team, uid("theme")))
    csv_text = HEADER + (
        f"{team},{earlier},Visits within timescale (%),81.5,90,higher,\n"
        f"{team},{month},Visits within timescale (%),92,90,higher,Visits recorded late on Fridays\n"
        f"{team},{month},Re-referrals (%),24,20,lower,\n")
    clinic = {"team": team, "to_month": month, "months": 3}
    before = await imports_stored(app)

    first = await client.post("/reports/locality-indicators", files=upload(csv_text),
                              headers=PERFORMANCE)
    assert first.status_code == 201, first.text
    assert first.json()["rows"] == 3 and first.json()["published"] is True

    async def pack_with_indicators():
        body = (await client.get("/reports/clinic-pack", params=clinic,
                                 headers=bearer("director"))).json()
        return body if len(body["locality_indicators"]) == 3 else None

    pack = await eventually(pack_with_indicators, what="the indicators in the clinic pack")
    expected = [
        {"indicator": "Re-referrals (%)", "month": month, "value": 24.0, "target": 20.0,
         "better": "lower", "met": False},
        {"indicator": "Visits within timescale (%)", "month": earlier, "value": 81.5,
         "target": 90.0, "better": "higher", "met": False},
        {"indicator": "Visits within timescale (%)", "month": month, "value": 92.0,
         "target": 90.0, "better": "higher", "met": True}]
    assert pack["locality_indicators"] == expected
    assert pack["practice_issues"] == [{"month": month, "indicator": "Visits within timescale (%)",
                                        "note": "Visits recorded late on Fridays"}]

    again = await client.post("/reports/locality-indicators", files=upload(csv_text),
                              headers=PERFORMANCE)
    assert again.status_code == 201

    async def reimport_applied():
        facts = await app.state.deps.facts.find("indicator_facts", {"team_id": team})
        return {f["import_id"] for f in facts} == {again.json()["import_id"]}

    await eventually(reimport_applied, what="the re-import applied")
    repeat = (await client.get("/reports/clinic-pack", params=clinic,
                               headers=bearer("director"))).json()
    assert repeat["locality_indicators"] == expected  # the same figures, not doubled
    assert await imports_stored(app) == before + 2

    page = await client.get("/clinic", params=clinic, headers=bearer("director"))
    assert page.text.count("<svg") == 3 and "Visits recorded late on Fridays" in page.text
    pdf = await client.get("/reports/clinic-pack.pdf", params=clinic, headers=bearer("director"))
    assert "Re-referrals (%)" in pdf_text(pdf.content)
    exported = await client.get("/reports/clinic-pack/tables/indicators.csv", params=clinic,
                                headers=bearer("director"))
    assert f"Re-referrals (%),{month},24.0,20.0,lower,no" in exported.content.decode("utf-8-sig")


async def test_a_bad_file_is_refused_whole_with_its_lines(reporting):
    app, client, _ = reporting
    month, team = unique_month(), uid("team")
    await publish_all(app, month_of_events(month, team, uid("theme")))
    before = await imports_stored(app)
    bad = HEADER + (
        f"{team},{month},Good row,1,2,,\n"
        f"{team},2026-13,Bad month,1,,,\n"
        f"no-such-team,{month},Unknown team,1,,,\n"
        f"{team},{month},No value,,,,\n"
        f"{team},{month},Personal,1,,,Call 07700900123 about the case\n"
        f"{team},{month},Good row,3,2,,\n")
    refused = await client.post("/reports/locality-indicators", files=upload(bad),
                                headers=PERFORMANCE)
    assert refused.status_code == 422
    found = {(p["line"], p["field"]) for p in refused.json()["detail"]}
    assert found == {(3, "month"), (4, "team_id"), (5, "value"), (6, "practice_issue"),
                     (7, "indicator")}
    assert await imports_stored(app) == before  # nothing stored, so nothing published
    facts = await app.state.deps.facts.find("indicator_facts", {"team_id": team})
    assert facts == []

    missing = await client.post("/reports/locality-indicators", headers=PERFORMANCE,
                                files=upload("team_id,month,value\nx,2026-01,1\n"))
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["field"] == "indicator"
    empty = await client.post("/reports/locality-indicators", files=upload(HEADER),
                              headers=PERFORMANCE)
    assert empty.status_code == 422
    denied = await client.post("/reports/locality-indicators", files=upload(HEADER),
                               headers=bearer("team_manager"))
    assert denied.status_code == 403
