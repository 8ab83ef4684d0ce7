"""The demo's improvement actions tell a true story (issue 11): raised in the month of the
audit that raised them, most due by now completed and confirmed, some late, some met only by
a new date agreed with a reason, a few overdue, the recent ones open and not yet due; every
step in the past, in order, after the action was raised."""

import random
from collections import Counter
from datetime import UTC, date, datetime

from shared.months import months_back, shift
from shared.envelope import derived_id
from tools.demo.action_story import (AWAITING, IN_TIME, LATE, NEW_DATE, NOT_YET_DUE, OVERDUE,
                                     generator_for, story_of)
from tools.demo.data import Bodies, Population

NOW = datetime.now(UTC)


def demo_year() -> list[tuple[dict, dict]]:
    """(audit body, action) of every action a county-sized demo year raises."""
    teams = [f"demo-team-{t:02d}" for t in range(1, 21)]
    people = Population(teams, 250)
    bodies = Bodies(random.Random(7), people, "demo-7-demo-team")
    months = months_back(shift(NOW.strftime("%Y-%m"), -1), 12)
    raised = []
    for month in months:
        for n in range(60):
            audit = bodies.audit(month, bodies.rng.choice(teams), n, people.groups[1])
            # The ids action tracking gives them (the demo posts as demo-auditor).
            audit_id = derived_id("audit", "demo-auditor", f"demo-7-demo-team-{month}-{n}")
            raised += [(audit, action | {"_id": derived_id("action", "audit", audit_id,
                                                             action["key"])})
                       for action in audit["actions"]]
    return raised


def test_each_audit_is_submitted_in_its_month_and_its_actions_owned_below_the_manager():
    year = demo_year()
    assert all(datetime.fromisoformat(a["submitted_at"]).strftime("%Y-%m") == a["month"]
               for a, _ in year)
    assert len({a["month"] for a, _ in year}) == 12  # actions raised in every month
    owners = Counter(action["owner_id"].split("-")[1] for _, action in year)
    assert set(owners) == {"sw", "dm"} and owners["sw"] > owners["dm"]  # never the manager


def test_most_actions_due_by_now_are_completed_and_confirmed_some_late_a_few_overdue():
    stories = []
    for audit, action in demo_year():
        rng = generator_for(7, action["_id"])
        raised_at = datetime.fromisoformat(audit["submitted_at"])
        due = date.fromisoformat(action["due_date"])
        stories.append((raised_at, due, story_of(rng, raised_at=raised_at, due=due, now=NOW)))
    outcomes = Counter(s.outcome for _, _, s in stories)
    due_by_now = sum(n for outcome, n in outcomes.items() if outcome != NOT_YET_DUE)
    confirmed = sum(1 for *_, s in stories if any(x.change == "confirm" for x in s.steps))
    completed = sum(1 for *_, s in stories if any(x.change == "complete" for x in s.steps))
    assert due_by_now > 200 and outcomes[NOT_YET_DUE] > 10
    assert completed > 0.75 * due_by_now and confirmed > 0.6 * due_by_now
    assert 0.05 * due_by_now < outcomes[LATE] < 0.25 * due_by_now
    assert 0.02 * due_by_now < outcomes[OVERDUE] < 0.15 * due_by_now
    assert outcomes[NEW_DATE] > 0.05 * due_by_now and outcomes[AWAITING] > 0
    for raised_at, due, story in stories:
        moments = [raised_at, *(s.at for s in story.steps)]
        assert moments == sorted(moments) and len(set(moments)) == len(moments)
        assert all(s.at < NOW for s in story.steps)
        done = next((s.at.date() for s in story.steps if s.change == "complete"), None)
        if story.outcome == IN_TIME:
            assert done <= due
        if story.outcome == LATE:
            assert done > due
        if story.outcome == NEW_DATE and done:
            agreed = next(s for s in story.steps if s.change == "due-date")
            assert due < done <= date.fromisoformat(agreed.body["due_date"])
            assert agreed.at.date() <= due and agreed.body["reason"]
        if story.outcome in (OVERDUE, NOT_YET_DUE):
            assert done is None
        if story.outcome == NOT_YET_DUE:
            assert due >= NOW.date()
