from datetime import UTC, date, datetime

from schemas.audit import RaisedAction
from services.action_tracking.domain.actions import actions_from_finding

RAISED = [RaisedAction(key="a1", description="Synthetic", owner_id="tm-1",
                       due_date=date(2027, 1, 8))]


def derive(origin_id: str = "audit-1"):
    return actions_from_finding(origin_kind="audit", origin_id=origin_id, team_id="t",
                                raised=RAISED, raised_at=datetime(2026, 11, 1, tzinfo=UTC))


def test_the_same_finding_always_derives_the_same_action_ids():
    assert [a.action_id for a in derive()] == [a.action_id for a in derive()]


def test_different_findings_derive_different_action_ids():
    assert derive("audit-1")[0].action_id != derive("audit-2")[0].action_id


def test_a_derived_action_keeps_the_finding_that_raised_it():
    action = derive()[0]
    assert (action.origin.kind, action.origin.id, action.owner_id) == ("audit", "audit-1", "tm-1")
