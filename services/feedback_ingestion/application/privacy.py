"""Free text, names and case references reach only the roles that need them (settings
text_roles); everyone else sees counts, themes and which fields were present."""

from __future__ import annotations

from typing import Any

from shared.auth import Principal

from .deps import Deps

PERSONAL = {"text", "went_well", "not_so_well", "case_ref", "summary", "learning"}


def may_read_text(deps: Deps, who: Principal) -> bool:
    return bool({str(r) for r in who.roles} & set(deps.settings.text_roles))


def redact_item(document: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in document.items() if k not in PERSONAL}
    if "stages" in shown:
        shown["stages"] = [{k: v for k, v in s.items() if k != "learning"}
                           for s in shown["stages"]]
    return shown | {"redacted": True}


def redact_quarantined(entry: dict[str, Any]) -> dict[str, Any]:
    content = entry.get("content")
    fields = sorted(content) if isinstance(content, dict) else []
    return {k: v for k, v in entry.items() if k != "content"} | {
        "content_fields": fields, "redacted": True}


def item_view(deps: Deps, who: Principal, document: dict[str, Any]) -> dict[str, Any]:
    return document if may_read_text(deps, who) else redact_item(document)


def quarantine_view(deps: Deps, who: Principal, entry: dict[str, Any]) -> dict[str, Any]:
    return entry if may_read_text(deps, who) else redact_quarantined(entry)
