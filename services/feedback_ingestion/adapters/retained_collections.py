"""Which of feedback ingestion's collections the retention schedule applies to, by kind of
record (shared/personal_data/retention_sweep.py sweeps them; data protection's job asks daily).
Feedback and complaints share `items`; a complaint is the item whose source is `complaint`."""

from shared.personal_data.retention import RecordKind
from shared.personal_data.retention_sweep import RetainedCollection

from .items import ITEMS

RETAINED = [
    RetainedCollection(ITEMS, RecordKind.FEEDBACK, query={"source": {"$ne": "complaint"}},
                       subject_fields={"child": ("case_ref",)}),
    RetainedCollection(ITEMS, RecordKind.COMPLAINTS, query={"source": "complaint"},
                       subject_fields={"child": ("case_ref",)}),
]
