"""Moderation: agree or disagree per standard and overall, with a rationale, and perhaps a
changed grade; the audit's stored grades and agreement per auditor ("audit the auditor")
follow from the facts (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from schemas.audit import AuditCompetency, AuditGradeChanged, AuditModerated, Judgement
from schemas.audit import StandardModeration
from schemas.base import PersonalText
from schemas.common import Grade

from .lifecycle import Status, next_status


class ModerationRefused(Exception):
    """A moderation the rules do not allow (answered 409 with this reason)."""


class NotInModeratingGroup(Exception):
    """The moderator is not in the group that moderates this month (answered 403: who asks
    is the problem, not what they sent, as when someone who is not an audit's auditor opens it)."""


def refuse_unless_moderating_group(*, moderator_id: str, moderator_group: int | None,
                                   moderation_group: int, month: str) -> None:
    """Each month one audit group moderates, by the rotation; nobody else may moderate."""
    if moderator_group != moderation_group:
        raise NotInModeratingGroup(
            f"{moderator_id} cannot moderate {month}'s audits: audit group {moderation_group} "
            f"moderates in {month} (they are in "
            f"{f'group {moderator_group}' if moderator_group else 'no audit group'})")


class ModerateAudit(BaseModel):
    standards: list[StandardModeration] = Field(min_length=6, max_length=6)
    overall_agree: bool
    overall_grade: Grade | None = Field(default=None, description="Only when changing it")
    rationale: PersonalText = ""
    # The outcomes (optional): good practice acknowledged, the auditor's learning needs, and
    # the moderator's judgement of the audit's evidence and timeliness.
    good_practice: bool = False
    good_practice_note: PersonalText = Field(default="", max_length=500, validate_default=True)
    learning_needs: list[AuditCompetency] = Field(default_factory=list, max_length=6)
    learning_needs_note: PersonalText = Field(default="", max_length=1000)
    evidence_quality: Judgement | None = None
    timeliness: Judgement | None = None

    @field_validator("good_practice_note")
    @classmethod
    def _note_with_acknowledgement(cls, note: str, info: ValidationInfo) -> str:
        acknowledged = info.data.get("good_practice", False)
        if acknowledged and not note.strip():
            raise ValueError("Say in a sentence what the good practice was")
        if note.strip() and not acknowledged:
            raise ValueError("Tick 'Good practice acknowledged' for this note, or clear it")
        return note.strip()

    @field_validator("learning_needs")
    @classmethod
    def _each_need_once(cls, needs: list[str]) -> list[str]:
        return sorted(set(needs))

    @model_validator(mode="after")
    def _consistent(self) -> ModerateAudit:
        if sorted(s.standard for s in self.standards) != [1, 2, 3, 4, 5, 6]:
            raise ValueError("standards must moderate each of standards 1 to 6 exactly once")
        for s in self.standards:
            if s.agree and s.grade is not None:
                raise ValueError(f"standard {s.standard}: a grade is changed only on disagreeing")
            if not s.agree and not s.rationale.strip():
                raise ValueError(f"standard {s.standard}: a disagreement needs a rationale")
        if self.overall_agree and self.overall_grade is not None:
            raise ValueError("overall_grade is changed only when overall_agree is false")
        if not self.overall_agree and not self.rationale.strip():
            raise ValueError("rationale is required when disagreeing with the overall grade")
        return self


OUTCOMES = {"good_practice", "good_practice_note", "learning_needs", "learning_needs_note",
            "evidence_quality", "timeliness"}
"""The moderation's outcomes, carried from the command to `audit.moderated` as they are."""


def moderate(
    audit: dict[str, Any], command: ModerateAudit, *, moderation_id: str, moderator_id: str,
    now: datetime,
) -> tuple[AuditModerated, list[AuditGradeChanged]]:
    """The moderation's events: AuditModerated, and one AuditGradeChanged per grade changed."""
    if moderator_id in audit["auditor_ids"]:
        raise ModerationRefused("an auditor cannot moderate their own audit")
    graded = {s["standard"]: Grade(s["grade"]) for s in audit["standards"]}
    common = dict(audit_id=audit["_id"], moderation_id=moderation_id, month=audit["month"],
                  team_id=audit["team_id"], changed_by=moderator_id, changed_at=now)
    changes = [
        AuditGradeChanged(**common, standard=s.standard, previous_grade=graded[s.standard],
                          grade=s.grade, reason=s.rationale)
        for s in sorted(command.standards, key=lambda s: s.standard)
        if s.grade is not None and s.grade != graded[s.standard]
    ]
    overall = Grade(audit["overall_grade"])
    if command.overall_grade is not None and command.overall_grade != overall:
        changes.append(AuditGradeChanged(**common, previous_grade=overall,
                                         grade=command.overall_grade, reason=command.rationale))
    moderated = AuditModerated(
        moderation_id=moderation_id, audit_id=audit["_id"], month=audit["month"],
        team_id=audit["team_id"], auditor_ids=audit["auditor_ids"], moderator_id=moderator_id,
        standards=sorted(command.standards, key=lambda s: s.standard),
        overall_agree=command.overall_agree,
        overall_grade=command.overall_grade or overall, rationale=command.rationale,
        agreed_count=sum(s.agree for s in command.standards) + int(command.overall_agree),
        moderated_at=now,
        **command.model_dump(include=OUTCOMES),
    )
    return moderated, changes


@dataclass(frozen=True)
class Moderation:
    """A moderation decided: its events, and the audit's stored fields that follow from them."""

    moderated: AuditModerated
    grade_changes: list[AuditGradeChanged]
    audit_changes: dict[str, Any]

    @property
    def status(self) -> Status:
        return Status(self.audit_changes["status"])


def moderation_of(
    audit: dict[str, Any], command: ModerateAudit, *, moderation_id: str, moderator_id: str,
    now: datetime,
) -> Moderation:
    """Moderate a submitted audit (IllegalTransition otherwise): the events, and the stored
    fields worked out from them, so the grades kept are exactly those the events announce."""
    next_status(audit["status"], "moderate")
    moderated, changes = moderate(audit, command, moderation_id=moderation_id,
                                  moderator_id=moderator_id, now=now)
    return Moderation(moderated, changes, evolve(audit, moderated, changes))


def evolve(audit: dict[str, Any], moderated: AuditModerated,
           changes: Sequence[AuditGradeChanged]) -> dict[str, Any]:
    """The audit's fields once these events happened: each changed standard's new grade, the
    overall grade, the moderation, and the changes themselves (the audit's page shows each
    grade before and after)."""
    changed = {c.standard: c.grade.value for c in changes if c.standard}
    standards = [s | {"grade": changed.get(s["standard"], s["grade"])} for s in audit["standards"]]
    return {"status": Status.MODERATED.value, "moderation": moderated.model_dump(mode="json"),
            "grade_changes": [c.model_dump(mode="json") for c in changes],
            "standards": standards, "overall_grade": moderated.overall_grade.value}


def agreement_by_auditor(moderations: Iterable[AuditModerated]) -> dict[str, dict[str, Any]]:
    """For each auditor: audits moderated, judgements agreed out of those made, and the rate."""
    table: dict[str, dict[str, Any]] = {}
    for m in moderations:
        for auditor in m.auditor_ids:
            row = table.setdefault(auditor, {"moderated": 0, "judgements": 0, "agreed": 0})
            row["moderated"] += 1
            row["judgements"] += 7
            row["agreed"] += m.agreed_count
    for row in table.values():
        row["agreement_rate"] = round(row["agreed"] / row["judgements"], 3)
    return dict(sorted(table.items()))
