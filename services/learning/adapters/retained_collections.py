"""Which of learning's collections the retention schedule applies to, by kind of record
(shared/personal_data/retention_sweep.py sweeps them; data protection's job asks daily)."""

from shared.personal_data.retention import RecordKind
from shared.personal_data.retention_sweep import RetainedCollection

from .meetings import MEETINGS

RETAINED = [
    RetainedCollection(MEETINGS, RecordKind.MEETINGS,
                       subject_fields={"staff": ("chair_id", "invited_ids")}),
]
