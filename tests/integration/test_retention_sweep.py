"""The shared retention sweep (shared/personal_data/retention_sweep.py) on the real store:
the dry run lists exactly what the real run then disposes; a legal hold keeps what it covers
from both; blanked records keep their figures and are not counted twice."""

from __future__ import annotations

from datetime import date

from shared.personal_data.retention import Hold, HoldScope, RecordKind
from shared.personal_data.retention_schedule import load_schedule
from shared.personal_data.retention_sweep import ERASED, RetainedCollection, apply_retention
from shared.personal_data.subject_holds import holds_on_subject

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


async def test_a_read_model_keeps_its_categories_so_old_figures_stay(runtime):
    """Complaints' themes are a category in the figures: the source record's are blanked with
    it, a read model's (always_blank) kept, so a past period's theme counts never change."""
    db = runtime.store.db
    old = {"received_on": "2019-01-10", "themes": ["communication"],
           "summary": "Fictional complaint"}
    await db["complaints"].insert_one({"_id": "complaint-1", **old})
    await db["complaint_facts"].insert_one({"_id": "complaint-1", **old})
    source = RetainedCollection(collection="complaints", kind=RecordKind.COMPLAINTS,
                                personal_fields=("summary",))
    facts = RetainedCollection(collection="complaint_facts", kind=RecordKind.COMPLAINTS,
                               personal_fields=("summary",), always_blank=True)
    await apply_retention(db, [source, facts], schedule=load_schedule(), holds=[],
                          today=TODAY, dry_run=False)
    fact = await db["complaint_facts"].find_one({"_id": "complaint-1"})
    assert (fact["summary"], fact["themes"]) == (ERASED, ["communication"])
    record = await db["complaints"].find_one({"_id": "complaint-1"})
    assert record["themes"] != ["communication"]  # the record itself: blanked whole


async def test_holds_naming_no_one_cover_a_subjects_records_as_retention_sees_them(runtime):
    """What an erasure asks first (subject_holds.py): the same rule as the sweep's, whatever
    the records' age."""
    db = await seeded(runtime)
    await db["audits"].insert_one(audit(1, "2026-02", team="team-fict-b") | {"_id": "audit-6"})

    def hold(hold_id: str, **scope) -> Hold:
        return Hold(hold_id=hold_id, scope=HoldScope(**scope), reason="Fictional order",
                    set_by="dpo-fict")

    holds = [hold("team-a", team_id="team-fict-a"), hold("team-b", team_id="team-fict-b"),
             hold("2026", from_date=date(2026, 1, 1), to_date=date(2026, 12, 31)),
             hold("feedback", record_kind=RecordKind.FEEDBACK),
             Hold(hold_id="lifted", scope=HoldScope(team_id="team-fict-a"),
                  reason="Fictional order, since lifted", set_by="dpo-fict", lifted=True)]
    covered = await holds_on_subject(db, [AUDITS, FEEDBACK], schedule=load_schedule(),
                                     holds=holds, kind="child", reference="FICT-0001")
    # audit-1 (team a, 2024), audit-6 (team b, February 2026) and item-1 (feedback)
    assert covered == {"team-a": 1, "team-b": 1, "2026": 1, "feedback": 1}
    assert await holds_on_subject(db, [AUDITS, FEEDBACK], schedule=load_schedule(),
                                  holds=holds, kind="child", reference="FICT-0404") == {}
    assert await holds_on_subject(db, [AUDITS], schedule=load_schedule(), holds=holds,
                                  kind="staff", reference="FICT-0001") == {}
