"""Importing a file with a bad row again updates the one open quarantine entry of that row
(issue 11), on the real store: whatever row number it has this time; a new one only once the
entry was re-submitted."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import uid

HOQ = bearer("head_of_quality")
HEADER = "Compliment ID,Date,Compliment"


async def upload(feedback, lines: list[str]) -> dict:
    content = "\n".join([HEADER, *lines]).encode()
    answer = await feedback.post("/feedback/imports", data={"source": "compliment"},
                                 files={"file": ("export.csv", content)}, headers=HOQ)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def open_entries_of(feedback, compliment_id: str) -> list[dict]:
    listed = (await feedback.get("/feedback/quarantine", params={"status": "open"},
                                 headers=HOQ)).json()
    return [e for e in listed if e["content"].get("Compliment ID") == compliment_id]


async def test_a_reimported_bad_row_updates_its_open_quarantine_entry(feedback):
    good, other, bad = uid("cm"), uid("cm"), uid("cm")
    bad_row = f"{bad},31/02/2026,Synthetic thanks"
    first = await upload(feedback, [f"{good},04/11/2026,Synthetic", bad_row])
    entry_id = first["rows"][1]["quarantine_id"]
    assert first["rows"][1]["outcome"] == "quarantined"

    # The same file again, with a row added above the bad one: the same entry, updated.
    second = await upload(feedback, [f"{other},05/11/2026,Synthetic", f"{good},04/11/2026,"
                                     "Synthetic", bad_row])
    assert [(r["row"], r["outcome"]) for r in second["rows"]] == [
        (2, "accepted"), (3, "duplicate"), (4, "quarantined")]
    assert second["rows"][2]["quarantine_id"] == entry_id
    [entry] = await open_entries_of(feedback, bad)
    assert entry["_id"] == entry_id and entry["times_received"] == 2
    assert (entry["import_id"], entry["row"]) == (second["import_id"], 4)
    assert entry["reasons"] and entry["reasons"][0].startswith("Date: ")

    # Twice in one file, and a third import: still the one entry.
    third = await upload(feedback, [bad_row, bad_row])
    assert {r["quarantine_id"] for r in third["rows"]} == {entry_id}
    [entry] = await open_entries_of(feedback, bad)
    assert entry["times_received"] == 4
    # Each import still counts its own rows: received = accepted + duplicates + quarantined.
    recon = (await feedback.get("/feedback/reconciliation", params={
        "import_id": third["import_id"]}, headers=HOQ)).json()
    assert (recon["received"], recon["quarantined"], recon["balanced"]) == (2, 2, True)

    # Once corrected and re-submitted, the entry is closed; the bad row imported again opens
    # a new one.
    fixed = await feedback.post(f"/feedback/quarantine/{entry_id}/resubmit", headers=HOQ, json={
        "content": {"Compliment ID": bad, "Date": "28/02/2026", "Compliment": "Synthetic"}})
    assert fixed.status_code == 200, fixed.text
    fourth = await upload(feedback, [bad_row])
    assert fourth["rows"][0]["quarantine_id"] != entry_id
    [reopened] = await open_entries_of(feedback, bad)
    assert reopened["_id"] == fourth["rows"][0]["quarantine_id"]
    assert reopened["times_received"] == 1
