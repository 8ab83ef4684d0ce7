"""Which of audit capture's collections the retention schedule applies to, by kind of record
(shared/personal_data/retention_sweep.py sweeps them; data protection's job asks daily)."""

from shared.personal_data.retention import RecordKind
from shared.personal_data.retention_sweep import RetainedCollection

from .audits import AUDITS
from .observations import OBSERVATIONS

STAFF = ("auditor_ids", "social_worker_id", "line_manager_id")

RETAINED = [
    RetainedCollection(AUDITS, RecordKind.AUDITS,
                       subject_fields={"child": ("case_ref",), "staff": STAFF}),
    # Practice observations carry observed_on; conference chairs' checklists only held_on,
    # so they count from it (a record without the rule's date would be kept for ever).
    RetainedCollection(OBSERVATIONS, RecordKind.OBSERVATIONS,
                       query={"observed_on": {"$exists": True}},
                       subject_fields={"child": ("case_ref",),
                                       "staff": ("worker_id", "observer_id")}),
    RetainedCollection(OBSERVATIONS, RecordKind.OBSERVATIONS,
                       query={"observed_on": {"$exists": False}},
                       date_fields={"observed_on": "held_on"},
                       subject_fields={"child": ("case_ref",),
                                       "staff": ("social_worker_id", "line_manager_id")}),
]
