"""Which of a write's events may go to Kafka together without losing their order."""

from schemas import topics
from shared.producer import _same_partition_runs
from tests.support.events import audit_submitted, envelope_for


def test_only_neighbours_with_the_same_topic_and_key_go_together():
    one, other = audit_submitted(), audit_submitted()
    a1, a2, b1 = envelope_for(one), envelope_for(one), envelope_for(other)
    a3 = envelope_for(one)
    events = [(topics.AUDIT, a1), (topics.AUDIT, a2), (topics.AUDIT, b1),
              (topics.AUDIT, a3), (topics.ACTION, envelope_for(one))]

    runs = _same_partition_runs(events)

    assert [[e.event_id for _, e in run] for run in runs] == [
        [a1.event_id, a2.event_id], [b1.event_id], [a3.event_id], [events[4][1].event_id]]
