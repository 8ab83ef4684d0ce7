"""Drawing the month's moderation sample (pure): seeded and reproducible whatever order the
audits were read in, the programme's size unless one is given, and one fact on qa.programme
keyed by the month that holds ids and counts only."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas import topics
from schemas.base import personal_fields
from schemas.programme import ModerationSampleDrawn
from services.audit_capture.domain.selection import DrawModerationSample
from services.audit_capture.domain.selection import draw_moderation_sample

NOW = datetime(2026, 6, 20, 9, 30, tzinfo=UTC)
POOL = [f"audit-{n:02d}" for n in range(12)]


def _draw(pool, *, seed=3, size=None, planned_size=4) -> ModerationSampleDrawn:
    return draw_moderation_sample(DrawModerationSample(seed=seed, size=size), month="2026-06",
                                  submitted=pool, planned_size=planned_size,
                                  drawn_by="hoq-1", now=NOW)


def test_the_same_pool_and_seed_give_the_same_sample_in_any_order():
    drawn = _draw(POOL)
    assert drawn.audit_ids == _draw(list(reversed(POOL))).audit_ids
    assert len(drawn.audit_ids) == 4 and set(drawn.audit_ids) <= set(POOL)
    assert drawn.audit_ids == sorted(drawn.audit_ids)
    assert {tuple(_draw(POOL, seed=s).audit_ids) for s in range(10)} != {tuple(drawn.audit_ids)}


def test_the_size_given_wins_over_the_programmes_and_a_small_pool_is_taken_whole():
    assert len(_draw(POOL, size=2).audit_ids) == 2
    small = _draw(POOL[:3], size=5)
    assert (small.size, small.audit_ids, small.drawn_from_count) == (5, POOL[:3], 3)
    assert _draw([], planned_size=2).audit_ids == []


def test_the_fact_says_what_was_drawn_from_what_and_holds_no_personal_data():
    drawn = _draw(POOL, size=2)
    assert drawn.subject() == "2026-06" and drawn.topic == topics.PROGRAMME
    assert drawn.event_type == "programme.moderation_sample_drawn"
    assert (drawn.month, drawn.seed, drawn.size, drawn.drawn_from_count) == ("2026-06", 3, 2, 12)
    assert (drawn.drawn_at, drawn.drawn_by) == (NOW, "hoq-1")
    assert personal_fields(ModerationSampleDrawn) == []
