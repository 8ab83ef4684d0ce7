"""The Learn stage's rules (issue 13): who is above whom, who supervises whom, who reads a
supervision or a learning record, who signs off evidence, and the CPD pieces."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.learning.domain.learn import RecordSupervision, SignEvidence, above
from services.learning.domain.learn import decide_evidence_signoff, decide_supervision
from services.learning.domain.learn import learning_record, may_read, supervisor_of
from services.learning.domain.refusals import Locked, NotAllowed, Refused

PEOPLE = {"hos": {"_id": "hos", "team_id": "t"},
          "tm": {"_id": "tm", "team_id": "t", "line_manager_id": "hos", "job_role": "team_manager"},
          "sw": {"_id": "sw", "team_id": "t", "line_manager_id": "tm"},
          "sw2": {"_id": "sw2", "team_id": "t", "line_manager_id": "tm"}}
TEAMS = {"t": {"_id": "t", "head_of_service_id": "hos"}}
NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


def test_those_above_a_worker_are_their_managers_and_head_of_service():
    assert above("sw", PEOPLE, TEAMS) == {"tm", "hos"}
    assert may_read({"sw", "tm"}, "hos", PEOPLE, TEAMS)
    assert not may_read({"sw", "tm"}, "sw2", PEOPLE, TEAMS)
    assert supervisor_of(PEOPLE["tm"], TEAMS) == "hos"


def test_only_the_line_manager_records_supervision_and_a_team_manager_is_a_kind_of_their_own():
    command = RecordSupervision(supervisee_id="tm", held_on=date(2026, 11, 1))
    with pytest.raises(NotAllowed):
        decide_supervision(command, supervisor="sw", supervisee=PEOPLE["tm"], teams=TEAMS,
                           today=NOW.date(), known=set(), new_id="s1")
    session = decide_supervision(command, supervisor="hos", supervisee=PEOPLE["tm"],
                                 teams=TEAMS, today=NOW.date(), known=set(), new_id="s1")
    assert session["kind"] == "team_manager"
    with pytest.raises(Refused) as refused:
        decide_supervision(command.model_copy(update={"held_on": date(2026, 12, 1)}),
                           supervisor="hos", supervisee=PEOPLE["tm"], teams=TEAMS,
                           today=NOW.date(), known=set(), new_id="s2")
    assert refused.value.field == "held_on"


def test_a_manager_signs_off_only_their_own_reports_evidence_once():
    result = {"_id": "a1", "month": "2026-10", "delivered_at": "2026-10-05T00:00:00",
              "overall_grade": "good", "impact_grade": "good", "completed_with_caseworker": True}
    pieces = learning_record("sw", as_worker=[result], as_auditor=[], supervisions=[],
                             signoffs={})
    assert pieces[0]["title"] == "Audit 2026-10 (completed partly with me)"
    command = SignEvidence(piece_kind="audit", piece_id="a1")
    with pytest.raises(NotAllowed):
        decide_evidence_signoff(PEOPLE["sw"], command, by="hos", teams=TEAMS, pieces=pieces,
                                now=NOW)
    signed = decide_evidence_signoff(PEOPLE["sw"], command, by="tm", teams=TEAMS,
                                     pieces=pieces, now=NOW)
    stored = {("audit", "a1"): signed.model_dump(mode="json")}
    again = learning_record("sw", as_worker=[result], as_auditor=[], supervisions=[],
                            signoffs=stored)
    with pytest.raises(Locked):
        decide_evidence_signoff(PEOPLE["sw"], command, by="tm", teams=TEAMS, pieces=again,
                                now=NOW)
    with pytest.raises(Refused):
        decide_evidence_signoff(PEOPLE["sw"], SignEvidence(piece_kind="audit", piece_id="x"),
                                by="tm", teams=TEAMS, pieces=pieces, now=NOW)
