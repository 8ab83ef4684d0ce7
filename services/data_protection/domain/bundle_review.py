"""Reviewing a subject access bundle before release (pure): every item naming someone other
than the subject is either released or withheld, and a withholding needs its reason (the
officer must be able to say why, e.g. art. 15(4) or the Data Protection Act 2018's
third-party exemption)."""

from __future__ import annotations

import copy
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


class NotYetDecided(ValueError):
    """A copy to send asked for while third-party items are still undecided."""


def release_copy(bundle: dict[str, Any]) -> dict[str, Any]:
    """The bundle as it may be sent to the subject: each withheld item replaced by a note of
    why, the released ones as they are; NotYetDecided while any item is undecided."""
    items = items_to_review(bundle)
    if left := sum(1 for item in items if item["decision"] is None):
        raise NotYetDecided(f"{left} third-party item{'s' if left != 1 else ''} still to "
                            "decide: release or withhold each before the copy is made.")
    held = copy.deepcopy(bundle.get("held", {}))
    for item in items:
        if item["decision"]["decision"] == "withhold":
            _set_at(held.get(item["service"], {}), item["path"],
                    f"[withheld: {item['decision']['reason']}]")
    return {**{k: v for k, v in bundle.items() if k not in ("third_party", "reviews")},
            "held": held, "third_party": {}, "copy": "release"}


def undecided(bundle: dict[str, Any]) -> int:
    return sum(1 for item in items_to_review(bundle) if item["decision"] is None)


def _parts(path: str) -> list[str | int]:
    return [int(p[1:-1]) if p.startswith("[") else p
            for p in path.replace("[", ".[").split(".") if p]


def _set_at(node: Any, path: str, value: Any) -> None:
    """Write `value` at a path as third_party() writes them, where the path leads somewhere."""
    *parents, last = _parts(path)
    for part in parents:
        node = (node[part] if isinstance(part, int) and isinstance(node, list)
                and part < len(node) else node.get(part) if isinstance(node, dict)
                and isinstance(part, str) else None)
    if isinstance(last, int) and isinstance(node, list) and last < len(node):
        node[last] = value
    elif isinstance(last, str) and isinstance(node, dict) and last in node:
        node[last] = value


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
