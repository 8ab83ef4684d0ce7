"""What data protection keeps that the retention schedule applies to: the access log (the
`logs` rule, counted from read_at). Entries name the subject by pseudonym, so a hold naming a
child or a member of staff is compared by the same pseudonym."""

from __future__ import annotations

from shared.personal_data.pseudonyms import Pseudonyms
from shared.personal_data.retention import RecordKind
from shared.personal_data.retention_sweep import RetainedCollection

from .access_log import ACCESS_LOG


def retained(pseudonyms: Pseudonyms) -> list[RetainedCollection]:
    return [RetainedCollection(
        ACCESS_LOG, RecordKind.LOGS, team_field=None, marked=False,
        subject_fields={"child": ("subject_pseudonym",), "staff": ("subject_pseudonym",)},
        stored_as={"child": lambda ref: pseudonyms.of("child", ref),
                   "staff": lambda ref: pseudonyms.of("staff", ref)})]
