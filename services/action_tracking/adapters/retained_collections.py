"""Which of action tracking's collections the retention schedule applies to, by kind of record
(shared/personal_data/retention_sweep.py sweeps them; data protection's job asks daily)."""

from shared.personal_data.retention import RecordKind
from shared.personal_data.retention_sweep import RetainedCollection

RETAINED = [
    RetainedCollection("actions", RecordKind.ACTIONS,
                       subject_fields={"child": ("case_ref",), "staff": ("owner_id",)}),
]
