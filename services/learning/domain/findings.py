"""The monthly findings (pure): the head of quality summarises a month's audit findings
(headline themes, recommendations) and a member of each of the three audit groups signs
the summary off, agreeing or commenting. Once a group has signed, the summary is fixed."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from schemas.learning import FindingsGroupSignedOff, FindingsSummaryWritten

from .refusals import Locked, NotAllowed, Refused

GROUPS = (1, 2, 3)


class WriteSummary(BaseModel):
    headline_themes: list[str] = Field(min_length=1, max_length=30)
    recommendations: list[str] = Field(default_factory=list, max_length=30)


class SignSummary(BaseModel):
    verdict: Literal["agree", "comment"]
    comment: str = Field(default="", max_length=4000)


def decide_summary(month: str, existing: dict[str, Any] | None, command: WriteSummary, *,
                   by: str, now: datetime) -> FindingsSummaryWritten:
    if existing and existing.get("signoffs"):
        groups = ", ".join(sorted(existing["signoffs"]))
        raise Locked(f"audit group(s) {groups} signed the {month} summary off already; it is "
                     "kept as they signed it")
    themes = [t.strip() for t in command.headline_themes if t.strip()]
    if not themes:
        raise Refused("headline_themes", "give at least one headline theme")
    return FindingsSummaryWritten(
        month=month, headline_themes=themes,
        recommendations=[r.strip() for r in command.recommendations if r.strip()],
        written_by=by, written_at=now)


def summary_document(event: FindingsSummaryWritten) -> dict[str, Any]:
    return {"_id": event.month, **event.model_dump(mode="json"), "signoffs": {},
            "status": "awaiting_signoff"}


def decide_group_signoff(summary: dict[str, Any], command: SignSummary, *,
                         person: dict[str, Any] | None, who: str,
                         now: datetime) -> FindingsGroupSignedOff:
    """`person`: the signer in the staff directory (their audit group)."""
    if command.verdict == "comment" and not command.comment.strip():
        raise Refused("comment", "say what the group's comment is")
    group = (person or {}).get("audit_group")
    if group not in GROUPS:
        raise NotAllowed(f"{who} is in no audit group in the staff directory; a member of "
                         "each group signs the summary off")
    signed = summary.get("signoffs", {})
    if str(group) in signed:
        raise Locked(f"audit group {group} signed the {summary['_id']} summary off already "
                     f"({signed[str(group)]['person_id']})")
    groups = sorted({int(g) for g in signed} | {group})
    return FindingsGroupSignedOff(
        month=summary["_id"], audit_group=group, person_id=who, verdict=command.verdict,
        comment=command.comment.strip(), signed_at=now, groups_signed=groups,
        complete=groups == list(GROUPS))


def signed_changes(summary: dict[str, Any], event: FindingsGroupSignedOff) -> dict[str, Any]:
    entry = {"person_id": event.person_id, "verdict": event.verdict,
             "comment": event.comment, "signed_at": event.signed_at}
    return {f"signoffs.{event.audit_group}": entry,
            "status": "signed_off" if event.complete else "awaiting_signoff"}
