"""Themes clinics escalate to senior managers, the council or partners, and the QA Forum's
answers to them: a theme stays open until a Forum's signed-off minutes answer it."""

from __future__ import annotations

from typing import Any

from ..domain.minutes import Minutes, theme_key
from ..domain.refusals import Refused
from .deps import Deps


async def escalated(deps: Deps, *, open_only: bool = False) -> list[dict[str, Any]]:
    """Every escalated theme (as its meeting's latest signed minutes have it), with the
    Forum that answered it and the answer, or open; the earliest escalated first."""
    themes = []
    for meeting in await deps.meetings.escalating():
        for theme in (meeting.get("signed_outcomes") or {}).get("escalated_themes", []):
            themes.append({"key": theme_key(meeting["_id"], theme["theme_id"]),
                           "meeting_id": meeting["_id"], "theme_id": theme["theme_id"],
                           "team_id": meeting.get("team_id"), "text": theme["text"],
                           "to": theme["to"], "escalated_on": meeting.get("held_on"),
                           "answer": None, "answered_by": None, "answered_on": None})
    answers = {}
    for forum in await deps.meetings.answering([t["key"] for t in themes]):
        for answer in (forum.get("minutes") or {}).get("answers", []):
            answers[theme_key(answer["meeting_id"], answer["theme_id"])] = (forum, answer)
    for theme in themes:
        if theme["key"] in answers:
            forum, answer = answers[theme["key"]]
            theme.update(answer=answer["answer"], answered_by=forum["_id"],
                         answered_on=forum.get("held_on"))
    themes.sort(key=lambda t: (t["escalated_on"] or "", t["key"]))
    return [t for t in themes if not (open_only and t["answered_by"])]


async def check_answers(deps: Deps, meeting: dict[str, Any],
                        minutes: Minutes) -> dict[str, dict[str, Any]]:
    """The themes these minutes answer, by key: each must be escalated and not answered by
    another Forum (Refused on `answers.{n}.theme_id`)."""
    if not minutes.answers:
        return {}
    known = {t["key"]: t for t in await escalated(deps)}
    for n, answer in enumerate(minutes.answers):
        theme = known.get(theme_key(answer.meeting_id, answer.theme_id))
        if theme is None:
            raise Refused(f"answers.{n}.theme_id", "is not a theme escalated by a signed-off "
                                                   "meeting")
        if theme["answered_by"] not in (None, meeting["_id"]):
            raise Refused(f"answers.{n}.theme_id",
                          f"was answered already at meeting {theme['answered_by']}")
    return known
