"""Themes and themed audits, shared by the JSON API and the page: a theme is defined by the
head of quality; a themed audit (one case) or a dip sample (many cases, all or none) must
answer each of the theme's questions exactly once. A record and its event are stored
together; the same idempotency key again returns the same record."""

from __future__ import annotations

import uuid
from typing import Any

from shared.auth import Principal
from shared.envelope import derived_id, utc_now
from shared.http import current_correlation_id
from shared.outbox import VersionConflict

from ..domain.themes import DefineTheme, RecordDipSample, RecordThemedAudit, ThemedCase
from ..domain.themes import dip_sample_audit_id, is_retired, questions_from_lines
from ..domain.themes import retired_refusal, theme_id_for, themed_audit, unanswered
from .deps import Deps
from .observations import Recorded


class UnknownTheme(LookupError):
    pass


class ThemeRetired(ValueError):
    """A themed audit against a retired theme."""


class ThemeExists(ValueError):
    """A new theme whose title gives the id of one already defined."""


class AnswersDoNotFit(ValueError):
    """The answers do not fit the theme's questions: (location, why) for each case."""

    def __init__(self, problems: list[tuple[list[Any], str]]) -> None:
        super().__init__("; ".join(why for _, why in problems))
        self.problems = problems


async def define_theme(deps: Deps, theme: DefineTheme) -> None:
    await deps.themes.define(theme.theme_id, {
        "title": theme.title, "questions": [q.model_dump() for q in theme.questions]})


async def define_new_theme(deps: Deps, title: str, lines: list[str]) -> DefineTheme:
    """A theme defined on the page: its id from its title (ThemeExists if taken), its
    questions one a line (the command's own checks refuse none: ValidationError)."""
    theme = DefineTheme(theme_id=theme_id_for(title), title=title.strip(),
                        questions=questions_from_lines(lines, []))
    if await deps.themes.get(theme.theme_id) is not None:
        raise ThemeExists(f"a theme called {title.strip()!r} is already defined: edit it "
                          "instead, or choose another title")
    await define_theme(deps, theme)
    return theme


async def edit_theme(deps: Deps, theme_id: str, title: str, lines: list[str]) -> DefineTheme:
    """New title and questions; a question kept word for word keeps its id (UnknownTheme)."""
    existing = await deps.themes.get(theme_id)
    if existing is None:
        raise UnknownTheme(f"theme {theme_id}")
    theme = DefineTheme(theme_id=theme_id, title=title.strip(),
                        questions=questions_from_lines(lines, existing["questions"]))
    await define_theme(deps, theme)
    return theme


async def retire_theme(deps: Deps, theme_id: str, *, who: Principal) -> None:
    if not await deps.themes.retire(theme_id, by=who.subject, at=utc_now()):
        raise UnknownTheme(f"theme {theme_id}")


async def reinstate_theme(deps: Deps, theme_id: str) -> None:
    if not await deps.themes.reinstate(theme_id):
        raise UnknownTheme(f"theme {theme_id}")


async def find_theme(deps: Deps, theme_id: str) -> dict[str, Any] | None:
    return await deps.themes.get(theme_id)


async def themes_listed(deps: Deps) -> list[dict[str, Any]]:
    return await deps.themes.listed()


async def themes_by_title(deps: Deps) -> list[dict[str, Any]]:
    """Every theme, retired ones too (marked `retired_at`), by title."""
    return await deps.themes.by_title()


async def themes_in_use(deps: Deps) -> list[dict[str, Any]]:
    """The themes a themed audit may be recorded against: not retired, by title."""
    return [t for t in await deps.themes.by_title() if not is_retired(t)]


async def record_themed_audit(deps: Deps, command: RecordThemedAudit, *, who: Principal,
                              idempotency_key: str | None = None) -> Recorded:
    theme = await _theme(deps, command.theme_id, [command])
    tid = (derived_id("themed-audit", who.subject, idempotency_key) if idempotency_key
           else str(uuid.uuid4()))
    fact = themed_audit(theme, command, month=command.month, auditor_ids=command.auditor_ids,
                        partner_agencies=command.partner_agencies, themed_audit_id=tid,
                        dip_sample_id=None, now=utc_now())
    try:
        published = await deps.themed_audits.create(
            {"_id": tid, **fact.model_dump(mode="json")}, [fact],
            correlation_id=current_correlation_id())
    except VersionConflict:
        return Recorded(tid, await deps.themed_audits.publish_pending(tid), again=True)
    return Recorded(tid, published, again=False)


async def record_dip_sample(deps: Deps, command: RecordDipSample) -> tuple[str, bool]:
    """Many cases against one theme: one themed audit fact per case. (id, all published)"""
    theme = await _theme(deps, command.theme_id, command.cases)
    dip_sample_id, published, now = str(uuid.uuid4()), True, utc_now()
    for case in command.cases:
        fact = themed_audit(theme, case, month=command.month, auditor_ids=command.auditor_ids,
                            partner_agencies=command.partner_agencies, now=now,
                            themed_audit_id=dip_sample_audit_id(dip_sample_id, case.case_ref),
                            dip_sample_id=dip_sample_id)
        published &= await deps.themed_audits.create(
            {"_id": fact.themed_audit_id, **fact.model_dump(mode="json")}, [fact],
            correlation_id=current_correlation_id())
    return dip_sample_id, published


async def _theme(deps: Deps, theme_id: str, cases: list[ThemedCase]) -> dict[str, Any]:
    theme = await deps.themes.get(theme_id)
    if theme is None:
        raise UnknownTheme(f"theme {theme_id}")
    if why := retired_refusal(theme):
        raise ThemeRetired(why)
    problems = [(["cases", i, "answers"] if len(cases) > 1 else ["answers"], why)
                for i, case in enumerate(cases) if (why := unanswered(theme, case.answers))]
    if problems:
        raise AnswersDoNotFit(problems)
    return theme
