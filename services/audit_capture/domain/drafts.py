"""A saved draft: what it tells others is progress only, which standards are graded so far,
never what was typed (free text can hold personal data) (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from schemas.audit import AuditDraftSaved
from schemas.common import Grade

GRADES = {g.value for g in Grade}


def standards_filled(draft: Mapping[str, Any]) -> list[int]:
    """Standards 1-6 with a grade chosen, whether the draft is the page's flat fields
    (`std3_grade`) or the API's shape (`standards: [{standard, grade}]`)."""
    filled = {n for n in range(1, 7) if draft.get(f"std{n}_grade") in GRADES}
    listed = draft.get("standards")
    for entry in listed if isinstance(listed, list) else []:
        if isinstance(entry, Mapping) and entry.get("grade") in GRADES \
                and entry.get("standard") in range(1, 7):
            filled.add(entry["standard"])
    return sorted(filled)


def draft_saved(audit: Mapping[str, Any], draft: Mapping[str, Any], *, saved_by: str,
                now: datetime) -> AuditDraftSaved:
    return AuditDraftSaved(
        audit_id=audit["_id"], allocation_id=audit.get("allocation_id"), month=audit["month"],
        team_id=audit["team_id"], standards_filled=standards_filled(draft),
        overall_grade_filled=draft.get("overall_grade") in GRADES, saved_by=saved_by,
        saved_at=now)


def unstorable_names(value: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Where a draft holds a field name no document store can keep (one starting with `$`,
    or with a dot in it): refused at the edge, field by field, rather than failing in the
    store half way through a write."""
    if isinstance(value, Mapping):
        return [found for key, inner in value.items()
                for found in ([(*path, str(key))] if str(key).startswith("$") or "." in str(key)
                              else unstorable_names(inner, (*path, str(key))))]
    if isinstance(value, list):
        return [found for n, inner in enumerate(value)
                for found in unstorable_names(inner, (*path, str(n)))]
    return []
