"""Reporting's read models follow the rule of the records they come from: a fact is blanked
when its source record's period has run, counted from the fact's own copy of that date (a
month counts from its last day, so a fact is blanked at most a month after its source).

Facts are always blanked, never deleted, even if a source's rule deletes: every past
period's figures (counts, grades, on time or not) are built on them and must not change when
a record expires. What they held of a person (names in free text, the case key) goes.
A hold naming a child matches the audit facts through their case key."""

from shared.personal_data.retention import RecordKind
from shared.personal_data.retention_sweep import RetainedCollection

from ..domain import names
from ..domain.facts.audits import case_key


def _fact(collection: str, kind: RecordKind, **how) -> RetainedCollection:
    return RetainedCollection(collection, kind, always_blank=True, **how)


RETAINED = [
    _fact(names.AUDITS, RecordKind.AUDITS, date_fields={"submitted_at": "submitted_on"},
          subject_fields={"child": ("case_key",),
                          "staff": ("auditor_ids", "social_worker_id", "line_manager_id")},
          personal_fields=("case_key",), stored_as={"child": case_key}),
    _fact(names.GOOD_PRACTICE, RecordKind.AUDITS, date_fields={"submitted_at": "month"},
          subject_fields={"staff": ("auditor_ids", "moderator_id")}),
    _fact(names.OBSERVATIONS, RecordKind.OBSERVATIONS, date_fields={"held_on": "month"},
          subject_fields={"staff": ("worker_id", "observer_id")}),
    _fact(names.CHECKLISTS, RecordKind.OBSERVATIONS,
          date_fields={"observed_on": "month", "held_on": "month"},
          subject_fields={"staff": ("social_worker_id", "line_manager_id")}),
    _fact(names.FEEDBACK, RecordKind.FEEDBACK, date_fields={"received_on": "month"}),
    _fact(names.COMPLAINTS, RecordKind.COMPLAINTS),
    _fact(names.ACTIONS, RecordKind.ACTIONS,
          date_fields={"raised_at": "raised_on"}, subject_fields={"staff": ("owner_id",)}),
    _fact(names.MEETINGS, RecordKind.MEETINGS, date_fields={"held_on": "month",
                                                            "scheduled_for": "month"}),
]
