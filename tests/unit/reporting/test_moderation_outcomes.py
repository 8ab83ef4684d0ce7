"""Moderation outcomes in reporting (pure): the facts audit.moderated leaves, each auditor's
competency record and the register of outstanding practice."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.audit import AuditModerated, StandardModeration
from services.reporting.domain import names
from services.reporting.domain.competency import competency_record, competency_records
from services.reporting.domain.competency import outstanding_practice
from services.reporting.domain.facts.audits import moderation_facts


def moderated(moderation_id: str, *, auditors=("aud-1",), agreed=7, month="2026-10",
              team="team-a", **outcomes) -> AuditModerated:
    return AuditModerated(
        moderation_id=moderation_id, audit_id=f"audit-{moderation_id}", month=month,
        team_id=team, auditor_ids=list(auditors), moderator_id="mod-1",
        standards=[StandardModeration(standard=n, agree=True) for n in range(1, 7)],
        overall_agree=agreed == 7, overall_grade="good", agreed_count=agreed,
        moderated_at=datetime(2026, 10, 25, tzinfo=UTC), **outcomes)


def fields(fact_list, collection):
    return [f.fields | {"_id": f.fact_id} for f in fact_list if f.collection == collection]


def test_good_practice_enters_the_register_and_the_note_stays_out_of_the_moderation():
    facts = moderation_facts(moderated("m1", good_practice=True,
                                       good_practice_note="Synthetic: the child's own plan",
                                       learning_needs=["impact"],
                                       learning_needs_note="Synthetic: private note"))
    [moderation] = fields(facts, names.MODERATIONS)
    assert moderation["learning_needs"] == ["impact"] and moderation["good_practice"]
    assert "Synthetic" not in str(moderation)  # neither note is a moderation fact
    [entry] = fields(facts, names.GOOD_PRACTICE)
    assert entry["note"] == "Synthetic: the child's own plan"
    assert (entry["month"], entry["team_id"], entry["acknowledged_on"]) == (
        "2026-10", "team-a", "2026-10-25")
    assert fields(moderation_facts(moderated("m2")), names.GOOD_PRACTICE) == []


def test_an_auditors_record_counts_agreement_timeliness_and_the_moderators_judgements():
    moderations = [fields(moderation_facts(m), names.MODERATIONS)[0] for m in (
        moderated("m1", agreed=7, evidence_quality="strong", timeliness="sound"),
        moderated("m2", agreed=5, month="2026-11", evidence_quality="weak",
                  learning_needs=["evidence", "impact"], good_practice=True,
                  good_practice_note="Synthetic"),
        moderated("m3", auditors=("aud-2",), agreed=6))]
    audits = [{"auditor_ids": ["aud-1"], "on_time": True, "month": "2026-10"},
              {"auditor_ids": ["aud-1"], "on_time": False, "month": "2026-11"},
              {"auditor_ids": ["aud-1", "aud-2"], "on_time": True, "month": "2026-11"}]
    record = competency_record("aud-1", audits, moderations)
    assert (record["audits_submitted"], record["on_time"], record["on_time_rate"]) == (3, 2, 0.667)
    assert (record["moderated"], record["agreed"], record["judgements"]) == (2, 12, 14)
    assert record["agreement_rate"] == 0.857 and record["overall_agreed"] == 1
    assert record["evidence_quality"] == {"strong": 1, "sound": 0, "weak": 1, "not_judged": 0}
    assert record["timeliness_judged"] == {"strong": 0, "sound": 1, "weak": 0, "not_judged": 1}
    assert record["learning_needs"] == {"evidence": 1, "impact": 1}
    assert record["good_practice"] == 1
    assert [m["month"] for m in record["by_month"]] == ["2026-10", "2026-11"]
    # everyone's, lowest agreement first; one with audits and no moderation comes last
    everyone = competency_records(audits + [{"auditor_ids": ["aud-3"], "on_time": True,
                                             "month": "2026-11"}], moderations)
    assert [r["auditor_id"] for r in everyone] == ["aud-1", "aud-2", "aud-3"]
    assert everyone[-1]["agreement_rate"] is None


def test_the_register_goes_by_month_newest_first_then_team():
    rows = [f for m in (
        moderated("m1", month="2026-10", team="team-b", good_practice=True,
                  good_practice_note="Synthetic B"),
        moderated("m2", month="2026-11", team="team-a", good_practice=True,
                  good_practice_note="Synthetic A"),
        moderated("m3", month="2026-10", team="team-a", good_practice=True,
                  good_practice_note="Synthetic A2"))
        for f in fields(moderation_facts(m), names.GOOD_PRACTICE)]
    register = outstanding_practice(rows)
    assert [m["month"] for m in register] == ["2026-11", "2026-10"]
    assert [t["team_id"] for t in register[1]["teams"]] == ["team-a", "team-b"]
    assert register[1]["teams"][0]["entries"][0]["note"] == "Synthetic A2"


def test_themed_dip_sample_and_multi_agency_results_reach_the_forum_pack():
    from datetime import date

    from schemas.audit import ThemeAnswer, ThemedAuditRecorded
    from services.reporting.domain.briefing import BriefingFacts
    from services.reporting.domain.facts.audits import themed_audit_facts
    from services.reporting.domain.packs import forum_pack
    from services.reporting.domain.tables import forum_tables

    def recorded(n: int, answers: list[str], **more) -> dict:
        event = ThemedAuditRecorded(
            themed_audit_id=f"t{n}", theme_id="neglect", theme_title="Synthetic neglect",
            month="2026-10", case_ref="TEST-CASE-1", team_id="team-a", auditor_ids=["a"],
            answers=[ThemeAnswer(question_id=f"q{i}", answer=a) for i, a in enumerate(answers, 1)],
            recorded_at=datetime(2026, 10, 2, tzinfo=UTC), **more)
        return fields(themed_audit_facts(event), names.THEMED_AUDITS)[0]

    rows = [recorded(1, ["yes", "no"], partner_agencies=["Fictional Police"]),
            recorded(2, ["partly", "no"], dip_sample_id="dip-1")]
    pack = forum_pack(BriefingFacts(themed_audits=rows), quarter="2026-Q4",
                      months=["2026-10", "2026-11", "2026-12"], as_of=date(2026, 12, 31),
                      programme=[])
    t = pack["themed_audits"]
    assert (t["audits"], t["dip_sampled"], t["multi_agency"]) == (2, 1, 1)
    assert t["themes"][0]["questions"][1] == {"question_id": "q2", "yes": 0, "partly": 0,
                                              "no": 2, "not_applicable": 0}
    columns, table = forum_tables(pack)["themed"]
    assert columns[:3] == ["Theme", "Question", "Cases"] and table[0][2] == 2
