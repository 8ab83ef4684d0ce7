"""The retention rules and legal holds (shared/personal_data/retention.py): pure, no I/O."""

from datetime import date

from shared.personal_data.retention import (Disposal, Hold, HoldScope, Period, RecordFacts,
                                            RecordKind, RetentionRule, Verdict, counted_date,
                                            decide, expires_on, hold_covers,
                                            holds_covering_subject)

AUDITS = RetentionRule(kind=RecordKind.AUDITS, period=Period(years=6), counts_from="month",
                       disposal=Disposal.BLANK, source="line CSC-QA-01 (test)")


def audit(month: str = "2019-03", *, child: str = "child:FICT-0001",
          team: str = "team-fict-1") -> RecordFacts:
    return RecordFacts(kind=RecordKind.AUDITS, counted_from=counted_date(month),
                       subjects=frozenset({child}), team_id=team)


def hold(scope: HoldScope, *, lifted: bool = False) -> Hold:
    return Hold(hold_id="hold-1", scope=scope, reason="Fictional inquiry order",
                set_by="dpo-001", lifted=lifted)


def test_a_month_counts_from_its_last_day():
    assert counted_date("2019-02") == date(2019, 2, 28)
    assert expires_on(AUDITS, audit("2019-02")) == date(2025, 2, 28)


def test_a_record_expires_on_its_expiry_day_not_before():
    record = audit("2019-03")
    assert decide(AUDITS, record, [], date(2025, 3, 30)).verdict is Verdict.KEEP
    assert decide(AUDITS, record, [], date(2025, 3, 31)).verdict is Verdict.DISPOSE


def test_a_leap_day_plus_a_year_is_the_28th_and_days_are_added_after():
    assert Period(years=1).after(date(2024, 2, 29)) == date(2025, 2, 28)
    assert Period(months=1, days=3).after(date(2025, 1, 31)) == date(2025, 3, 3)


def test_an_undated_record_is_kept_not_guessed():
    undated = RecordFacts(kind=RecordKind.AUDITS, counted_from=None)
    assert decide(AUDITS, undated, [], date(2099, 1, 1)).verdict is Verdict.KEEP


def test_each_kind_of_hold_keeps_what_it_covers_and_nothing_else():
    record = audit("2019-03")
    today = date(2030, 1, 1)
    covering = [HoldScope(subject="child:FICT-0001"), HoldScope(team_id="team-fict-1"),
                HoldScope(record_kind=RecordKind.AUDITS),
                HoldScope(from_date=date(2019, 1, 1), to_date=date(2019, 12, 31))]
    missing = [HoldScope(subject="child:FICT-0002"), HoldScope(team_id="team-fict-2"),
               HoldScope(record_kind=RecordKind.ACTIONS),
               HoldScope(from_date=date(2020, 1, 1)), HoldScope(to_date=date(2018, 12, 31))]
    for scope in covering:
        decision = decide(AUDITS, record, [hold(scope)], today)
        assert (decision.verdict, decision.holds) == (Verdict.HELD, ("hold-1",)), scope
    for scope in missing:
        assert decide(AUDITS, record, [hold(scope)], today).verdict is Verdict.DISPOSE, scope


def test_every_criterion_of_a_hold_must_match():
    both = HoldScope(team_id="team-fict-1", record_kind=RecordKind.ACTIONS)
    assert not hold_covers(hold(both), audit())


def test_a_lifted_hold_and_an_empty_one_keep_nothing():
    assert not hold_covers(hold(HoldScope(team_id="team-fict-1"), lifted=True), audit())
    assert not hold_covers(hold(HoldScope()), audit())


def test_only_active_holds_naming_the_subject_refuse_its_erasure():
    named = hold(HoldScope(subject="child:FICT-0001"))
    lifted = hold(HoldScope(subject="child:FICT-0001"), lifted=True)
    team = hold(HoldScope(team_id="team-fict-1"))
    assert holds_covering_subject([named, lifted, team], "child:FICT-0001") == [named]
    assert holds_covering_subject([named], "child:FICT-0002") == []
