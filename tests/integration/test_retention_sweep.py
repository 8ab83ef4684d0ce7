"""The shared retention sweep (shared/personal_data/retention_sweep.py) on the real store:
the dry run lists exactly what the real run then disposes; a legal hold keeps what it covers
from both; blanked records keep their figures and are not counted twice."""

from __future__ import annotations

from datetime import date

from shared.personal_data.retention import Hold, HoldScope, RecordKind
from shared.personal_data.retention_schedule import load_schedule
from shared.personal_data.retention_sweep import ERASED, RetainedCollection, apply_retention

TODAY = date(2031, 6, 15)  # the shipped schedule keeps audits 6 years from their month
AUDITS = RetainedCollection(
    collection="audits", kind=RecordKind.AUDITS, subject_fields={"child": ("case_ref",)},
    personal_fields=("case_ref", "summary", "standards.comment"))
FEEDBACK = RetainedCollection(collection="items", kind=RecordKind.FEEDBACK,
                              subject_fields={"child": ("case_ref",)},
                              personal_fields=("case_ref", "text"))


def audit(n: int, month: str, team: str = "team-fict-a") -> dict:
    return {"_id": f"audit-{n}", "month": month, "team_id": team, "case_ref": f"FICT-{n:04d}",
            "summary": "Fictional summary", "grade": "good",
            "standards": [{"standard": "s1", "grade": "good", "comment": "Fictional note"}]}


async def seeded(runtime):
    db = runtime.store.db
    await db["audits"].insert_many(
        [audit(1, "2024-01"), audit(2, "2025-05"), audit(3, "2025-05", team="team-fict-b"),
         audit(4, "2025-06"), audit(5, "2026-01")])
    await db["items"].insert_many(
        [{"_id": "item-1", "received_on": "2027-01-10", "case_ref": "FICT-0001", "text": "x"},
         {"_id": "item-2", "received_on": "2029-01-10", "case_ref": "FICT-0009", "text": "y"}])
    return db


async def run(db, holds=(), dry_run=False, today=TODAY):
    outcome = await apply_retention(db, [AUDITS, FEEDBACK], schedule=load_schedule(),
                                    holds=list(holds), today=today, dry_run=dry_run)
    return {kind: o.as_dict() for kind, o in outcome.items()}


async def test_the_dry_run_and_the_real_run_agree(runtime):
    db = await seeded(runtime)
    dry = await run(db, dry_run=True)
    assert dry["audits"]["disposed_ids"] == ["audit-1", "audit-2", "audit-3"]
    assert dry["feedback"]["disposed_ids"] == ["item-1"]
    assert await db["audits"].count_documents({"case_ref": ERASED}) == 0  # nothing changed

    real = await run(db)
    assert real == dry
    kept = await db["audits"].find_one({"_id": "audit-1"})
    assert (kept["case_ref"], kept["summary"], kept["standards"][0]["comment"]) == (ERASED,) * 3
    assert (kept["grade"], kept["standards"][0]["grade"], kept["month"]) == ("good", "good",
                                                                           "2024-01")
    untouched = await db["audits"].find_one({"_id": "audit-4"})
    assert untouched["case_ref"] == "FICT-0004"
    again = await run(db)
    assert again["audits"]["disposed"] == 0  # a blanked record is not blanked or counted twice


async def test_a_legal_hold_keeps_what_it_covers_from_the_dry_run_and_the_real_run(runtime):
    db = await seeded(runtime)
    holds = [Hold(hold_id="hold-child", scope=HoldScope(subject="child:FICT-0002"),
                  reason="Fictional inquiry", set_by="dpo-001"),
             Hold(hold_id="hold-team", scope=HoldScope(team_id="team-fict-b"),
                  reason="Fictional review", set_by="dpo-001"),
             Hold(hold_id="hold-lifted", scope=HoldScope(subject="child:FICT-0001"),
                  reason="Lifted", set_by="dpo-001", lifted=True)]
    dry = await run(db, holds, dry_run=True)
    real = await run(db, holds)
    assert dry == real
    assert real["audits"]["disposed_ids"] == ["audit-1"]
    assert (real["audits"]["held"], real["audits"]["held_by"]) == (
        2, {"hold-child": 1, "hold-team": 1})
    for held in ("audit-2", "audit-3"):
        assert (await db["audits"].find_one({"_id": held}))["case_ref"] != ERASED


async def test_a_rule_that_deletes_removes_the_record(runtime):
    db = runtime.store.db
    await db["access"].insert_many([{"_id": "log-1", "read_at": "2020-01-01T10:00:00+00:00"},
                                    {"_id": "log-2", "read_at": "2031-01-01T10:00:00+00:00"}])
    logs = RetainedCollection(collection="access", kind=RecordKind.LOGS, team_field=None)
    outcome = await apply_retention(db, [logs], schedule=load_schedule(), holds=[],
                                    today=TODAY, dry_run=False)
    assert outcome["logs"].disposed_ids == ["log-1"]
    assert [d["_id"] async for d in db["access"].find()] == ["log-2"]
