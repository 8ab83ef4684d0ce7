from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from services.audit_capture.domain.audits import SubmitAudit, submit_audit
from tests.support.factories import audit_command

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_a_complete_audit_becomes_one_submitted_fact_with_standards_in_order():
    body = audit_command(actions=2)
    body["standards"].reverse()
    submitted, concerns = submit_audit(SubmitAudit(**body), audit_id="a-1", submitted_by="u",
                                       now=NOW)
    assert [s.standard for s in submitted.standards] == [1, 2, 3, 4, 5, 6]
    assert submitted.audit_id == "a-1" and len(submitted.actions) == 2
    assert submitted.standards_version == "V5_07.17"
    assert concerns == []


def test_each_standard_must_be_graded_exactly_once():
    body = audit_command()
    body["standards"][5]["standard"] = 1
    with pytest.raises(ValidationError, match="exactly once"):
        SubmitAudit(**body)


def test_a_child_not_seen_alone_needs_the_reason():
    with pytest.raises(ValidationError, match="child_seen_alone_reason"):
        SubmitAudit(**audit_command(child_seen_alone=False))
    ok = SubmitAudit(**audit_command(child_seen_alone=False,
                                     child_seen_alone_reason="Synthetic: infant, 4 months"))
    assert ok.child_seen_alone is False


def test_submitting_after_the_deadline_is_late():
    late, _ = submit_audit(SubmitAudit(**audit_command(deadline=str(date(2026, 11, 19)))),
                           audit_id="a", submitted_by="u", now=NOW)
    on_time, _ = submit_audit(SubmitAudit(**audit_command(deadline=str(date(2026, 11, 20)))),
                              audit_id="b", submitted_by="u", now=NOW)
    assert (late.on_time, on_time.on_time) == (False, True)


def test_a_safeguarding_concern_is_its_own_fact_with_a_stable_id():
    command = SubmitAudit(**audit_command(safeguarding_concern="Synthetic concern text"))
    _, first = submit_audit(command, audit_id="a-9", submitted_by="u", now=NOW)
    _, again = submit_audit(command, audit_id="a-9", submitted_by="u", now=NOW)
    assert len(first) == 1 and first[0].concern_id == again[0].concern_id


def test_action_keys_must_be_unique_within_an_audit():
    body = audit_command(actions=2)
    body["actions"][1]["key"] = body["actions"][0]["key"]
    with pytest.raises(ValidationError, match="own key"):
        SubmitAudit(**body)
