"""Reviewing a subject access bundle before release (pure): every item naming someone other
than the subject is either released or withheld, and a withholding needs its reason (the
officer must be able to say why, e.g. art. 15(4) or the Data Protection Act 2018's
third-party exemption)."""

from __future__ import annotations

from typing import Any, Literal

Decision = Literal["release", "withhold"]
DECISIONS: dict[str, str] = {"release": "Release", "withhold": "Withhold"}


class ReviewRefused(ValueError):
    """A decision that cannot be recorded, field by field, in words."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def decide(bundle: dict[str, Any], *, service: str, path: str, decision: str,
           reason: str) -> dict[str, str]:
    """The decision on one third-party item of the bundle, checked."""
    errors: dict[str, str] = {}
    if path not in bundle.get("third_party", {}).get(service, []):
        errors["path"] = ("That item is not one of the bundle's third-party items: gather the "
                          "bundle again or choose an item from its list.")
    if decision not in DECISIONS:
        errors["decision"] = "Choose release or withhold."
    reason = reason.strip()
    if decision == "withhold" and not reason:
        errors["reason"] = "Say why the item is withheld (for example whose information it is)."
    if len(reason) > 1000:
        errors["reason"] = "Keep the reason under 1,000 characters."
    if errors:
        raise ReviewRefused(errors)
    return {"service": service, "path": path, "decision": decision, "reason": reason}


def items_to_review(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    """Each third-party item with its value and its decision so far (None: undecided)."""
    decided = {(d["service"], d["path"]): d for d in bundle.get("reviews", [])}
    return [{"service": service, "path": path, "value": value_at(held, path),
             "decision": decided.get((service, path))}
            for service, paths in bundle.get("third_party", {}).items()
            for path in paths
            for held in [bundle.get("held", {}).get(service, {})]]


def undecided(bundle: dict[str, Any]) -> int:
    return sum(1 for item in items_to_review(bundle) if item["decision"] is None)


def value_at(node: Any, path: str) -> Any:
    """The value at a path as third_party() writes them: `audits[0].auditor_ids`."""
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        if part.startswith("["):
            index = int(part[1:-1])
            node = node[index] if isinstance(node, list) and index < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    return node
