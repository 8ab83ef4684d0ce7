"""File imports on the real Kafka and store: every source, re-imports, complaint updates,
quarantine and re-submission, reconciliation counts, Excel, BOM, bad files."""

from __future__ import annotations

import asyncio
import io

import pytest
from openpyxl import Workbook

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality")
FILES = {
    "momo": ("Statement ID,Date,Case Reference,App,Statement Type,Feelings,Statement,Safety Link",
             "{id},03/11/2026,TEST-CASE-F1,MOMO,wellbeing,happy;calm,Synthetic words,No"),
    "compliment": ("Compliment ID,Date,Team,Compliment", "{id},04/11/2026,team-x,Synthetic thanks"),
    "customer_feedback": ("Response ID,Date,Rating,Went Well,Did Not Go So Well",
                          "{id},05/11/2026,5,Synthetic good,Synthetic late"),
    "partner": ("Feedback ID,Date,Partner,Feedback", "{id},06/11/2026,education,Synthetic note"),
    "allegations": ("Allegation ID,Date,Themes", "{id},07/11/2026,physical;online"),
    "staff_survey": ("Response ID,Date,Rating,Comments", "{id},08/11/2026,4,Synthetic comment"),
    "complaint": ("Complaint Ref,Received,Complainant,Stage 1 Start",
                  "{id},18/12/2026,child,18/12/2026"),
}


async def upload(feedback, source: str, content: bytes, filename: str = "export.csv"):
    return await feedback.post("/feedback/imports", data={"source": source},
                               files={"file": (filename, content)}, headers=HOQ)


@pytest.mark.parametrize("source", FILES)
async def test_each_source_imports_and_a_reimport_only_finds_duplicates(feedback, source):
    header, row = FILES[source]
    ids = [uid(source) for _ in range(3)]
    content = "\n".join([header, *(row.format(id=i) for i in ids)]).encode()
    topic = topics.COMPLAINT if source == "complaint" else topics.FEEDBACK
    async with TopicTail(topic) as tail:
        first = await upload(feedback, source, content)
        assert first.status_code == 200, first.text
        assert first.json()["counts"] == {"received": 3, "accepted": 3, "updated": 0,
                                          "duplicate": 0, "quarantined": 0}
        seen: set[str] = set()

        def all_three(event: dict) -> bool:
            seen.add(event["data"].get("source_id"))
            return set(ids) <= seen
        await tail.wait_for(all_three)
    again = (await upload(feedback, source, content)).json()
    assert again["counts"]["duplicate"] == 3 and again["counts"]["accepted"] == 0
    assert [r["outcome"] for r in again["rows"]] == ["duplicate"] * 3
    recon = (await feedback.get("/feedback/reconciliation", params={
        "import_id": again["import_id"]}, headers=HOQ)).json()
    assert (recon["received"], recon["duplicates"], recon["balanced"]) == (3, 3, True)


async def test_a_complaint_moving_to_stage_two_is_an_update_with_due_dates(feedback):
    ref = uid("C")
    header = "Complaint Ref,Received,Complainant,Stage 1 Start,Stage 1 Response,Stage 1 Outcome"
    stage_one = f"{header}\n{ref},18/12/2026,child,18/12/2026,,\n".encode()
    stage_two = (f"{header},Stage 2 Start,Stage 2 Extended\n"
                 f"{ref},18/12/2026,child,18/12/2026,04/01/2027,not_upheld,11/01/2027,yes\n")
    assert (await upload(feedback, "complaint", stage_one)).json()["counts"]["accepted"] == 1
    async with TopicTail(topics.COMPLAINT) as tail:
        moved = (await upload(feedback, "complaint", stage_two.encode())).json()
        assert moved["counts"]["updated"] == 1 and moved["rows"][0]["outcome"] == "updated"
        event = await tail.wait_for(lambda e: e["data"]["source_id"] == ref)
    data = event["data"]
    assert data["revision"] == 2 and data["current_stage"] == 2
    assert data["stages"][0]["due_on"] == "2027-01-06"
    assert data["stages"][1]["due_on"] == "2027-02-15"
    assert data["stages"][1]["extended_due_on"] == "2027-04-14"  # Easter excluded


async def test_a_bad_row_is_quarantined_corrected_and_resubmitted(feedback):
    good, bad = uid("cm"), uid("cm")
    content = (f"\ufeffCompliment ID,Date,Compliment\n{good},04/11/2026,Synthetic\n"
               f"{bad},31/02/2026,Synthetic\n").encode()  # with a BOM
    report = (await upload(feedback, "compliment", content)).json()
    assert [(r["row"], r["outcome"]) for r in report["rows"]] == [(2, "accepted"),
                                                                   (3, "quarantined")]
    assert report["rows"][1]["reasons"] == ["Date: not a UK date (dd/mm/yyyy)"]
    listed = (await feedback.get("/feedback/quarantine", headers=HOQ)).json()
    entry = next(e for e in listed if e["_id"] == report["rows"][1]["quarantine_id"])
    assert entry["content"] == {"Compliment ID": bad, "Date": "31/02/2026",
                                "Compliment": "Synthetic"} and entry["shape"] == "row"
    url = f"/feedback/quarantine/{entry['_id']}/resubmit"
    still = await feedback.post(url, json={"content": entry["content"]}, headers=HOQ)
    assert still.status_code == 422
    fixed = await feedback.post(url, json={"content": {**entry["content"], "Date": "28/02/2026"}},
                                headers=HOQ)
    assert fixed.status_code == 200 and fixed.json()["outcome"] == "accepted"
    assert (await feedback.post(url, json={}, headers=HOQ)).status_code == 409
    recon = (await feedback.get("/feedback/reconciliation", params={
        "import_id": report["import_id"]}, headers=HOQ)).json()
    assert (recon["received"], recon["accepted"], recon["quarantined"], recon["resubmitted"],
            recon["balanced"]) == (2, 1, 1, 1, True)
    open_now = (await feedback.get("/feedback/quarantine", headers=HOQ)).json()
    assert entry["_id"] not in {e["_id"] for e in open_now}


async def test_an_excel_export_is_read_as_a_stream(feedback):
    book = Workbook()
    sheet = book.active
    sheet.append(["Response ID", "Date", "Rating", "Went Well"])
    ids = [uid("x") for _ in range(2)]
    sheet.append([ids[0], "05/11/2026", 4, "Synthetic"])
    sheet.append([ids[1], "not a date", 2, "Synthetic"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = (await upload(feedback, "customer_feedback", buffer.getvalue(), "export.xlsx")).json()
    assert [r["outcome"] for r in report["rows"]] == ["accepted", "quarantined"]


@pytest.mark.parametrize(("content", "says"), [
    (b"", "empty"), (b"\xef\xbb\xbf\n\n", "empty"),
    (b"Compliment ID,Date\n", "no data rows"),
    (b"Name,Postcode\nA,B\n", "unknown column set"),
])
async def test_an_empty_file_or_unknown_columns_say_so(feedback, content, says):
    response = await upload(feedback, "compliment", content)
    assert response.status_code == 422 and says in response.json()["detail"]["error"]


async def test_a_wrongly_encoded_row_is_reported_on_its_own(feedback):
    good, bad = uid("cm"), uid("cm")
    content = f"Compliment ID,Date,Compliment\n{good},04/11/2026,ok\n".encode() + \
        f"{bad},04/11/2026,caf".encode() + b"\xe9\n"  # Latin-1, not UTF-8
    report = (await upload(feedback, "compliment", content)).json()
    assert [r["outcome"] for r in report["rows"]] == ["accepted", "quarantined"]
    assert "not UTF-8" in report["rows"][1]["reasons"][0]


async def test_free_text_is_hidden_from_roles_that_do_not_need_it(feedback):
    header, row = FILES["momo"]
    report = (await upload(feedback, "momo", f"{header}\n{row.format(id=uid('m'))}".encode())).json()
    url = f"/feedback/items/{report['rows'][0]['item_id']}"
    full = (await feedback.get(url, headers=HOQ)).json()
    counted = (await feedback.get(url, headers=bearer("performance_team"))).json()
    assert full["text"] == "Synthetic words" and full["case_ref"] == "TEST-CASE-F1"
    assert "text" not in counted and "case_ref" not in counted and counted["redacted"]


async def test_a_later_row_for_the_same_item_wins_across_chunks_in_order(feedback, monkeypatch):
    """Chunks are checked, stored and published overlapping one another: still, an item
    changed by a later row of the file ends as that row says, its events in that order."""
    deps = feedback.app.state.deps
    monkeypatch.setattr(deps.settings, "import_chunk_rows", 2)
    # A slow store for the first chunk and a slow broker for every chunk's facts: what
    # overlaps must still wait where the order matters.
    insert_new, publish_many = deps.items.insert_new, deps.publisher.publish_many
    calls: list[int] = []

    async def slow_first_insert(new):
        calls.append(1)
        if len(calls) == 1:
            await asyncio.sleep(0.3)  # injected latency (a slow store), not a wait
        return await insert_new(new)

    async def slow_acknowledgement(events):
        await asyncio.sleep(0.3)  # injected latency (a slow broker), not a wait
        return await publish_many(events)
    monkeypatch.setattr(deps.items, "insert_new", slow_first_insert)
    monkeypatch.setattr(deps.publisher, "publish_many", slow_acknowledgement)
    same, others = uid("cm"), [uid("cm") for _ in range(3)]
    rows = [(same, "first"), (others[0], "x"), (same, "second"), (others[1], "x"),
            (same, "third"), (others[2], "x")]  # chunks of two: the item changes in each
    content = "Compliment ID,Date,Compliment\n" + "".join(
        f"{i},04/11/2026,Synthetic {text}\n" for i, text in rows)
    async with TopicTail(topics.FEEDBACK) as tail:
        report = (await upload(feedback, "compliment", content.encode())).json()
        assert [(r["row"], r["outcome"]) for r in report["rows"]] == list(enumerate(
            ["accepted", "accepted", "updated", "accepted", "updated", "accepted"], start=2))
        revisions: list[int] = []

        def until_the_third(event: dict) -> bool:
            if event["data"].get("source_id") == same:
                revisions.append(event["data"]["revision"])
            return revisions[-1:] == [3]
        await tail.wait_for(until_the_third)
    assert revisions == sorted(revisions) and set(revisions) == {1, 2, 3}
    stored = (await feedback.get(f"/feedback/items/{report['rows'][0]['item_id']}",
                                 headers=HOQ)).json()
    assert (stored["revision"], stored["text"]) == (3, "Synthetic third")
