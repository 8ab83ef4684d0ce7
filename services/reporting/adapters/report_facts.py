"""The facts each report reads, by name: every query reporting's reports make lives here."""

from __future__ import annotations

import asyncio
from typing import Any

from ..domain import names
from ..domain.briefing import BriefingFacts
from ..domain.periods import shift
from ..domain.sections import OPEN
from .facts import FactStore

Rows = list[dict[str, Any]]


def scoped(query: dict[str, Any], team: str | None, theme: str | None = None,
           themed: bool = False) -> dict[str, Any]:
    """Add the team and theme filters (theme applies to facts that carry themes)."""
    out = dict(query)
    if team:
        out["team_id"] = team
    if theme and themed:
        out["themes"] = theme
    return out


def actions_for(months: list[str]) -> dict[str, Any]:
    """Every action a report over `months` (a run of months holding its period) reads: raised
    in them, completed or due in them, or still open (overdue now). Not the ones closed long
    ago: after ten years those are nearly all of them."""
    first, after = min(months), shift(max(months), 1)
    return {"$or": [{"raised_month": {"$in": months}}, {"status": {"$in": list(OPEN)}},
                    {"completed_on": {"$gte": first, "$lt": after}},
                    {"due_date": {"$gte": first, "$lt": after}}]}


def complaints_for(months: list[str]) -> dict[str, Any]:
    """Every complaint a report over `months` reads: received in them, a stage responded to
    in them, or one that reached stage 2 (for those still unanswered past 65 working days:
    the store's planner uses no index for "stage 2 without a response", so every complaint
    that reached stage 2 is read, a fifth of them)."""
    first, after = min(months), shift(max(months), 1)
    return {"$or": [{"month": {"$in": months}},
                    {"stages.responded_on": {"$gte": first, "$lt": after}},
                    {"stages.stage": 2}]}


class ReportFacts:
    """Named reads over the active generation's facts (each sorted by `_id`)."""

    def __init__(self, facts: FactStore) -> None:
        self.facts = facts

    async def briefing_facts(self, *, months: list[str], team: str | None = None,
                             theme: str | None = None, month: str | None = None) -> BriefingFacts:
        """The facts of `months` (a run of months holding the report's period), read at
        once; the programme and sign-off of `month` (default: the last of them)."""
        window = {"month": {"$in": months}}
        month = month or months[-1]
        reads = {
            "programme": (names.PROGRAMME, {"_id": month}),
            "signoff": (names.SIGNOFFS, {"_id": month}),
            "audits": (names.AUDITS, scoped(window, team)),
            "allocations": (names.ALLOCATIONS, scoped(window, team)),
            "concerns": (names.CONCERNS, scoped(window, team)),
            "moderations": (names.MODERATIONS, scoped(window, team)),
            "grade_changes": (names.GRADE_CHANGES, scoped(window, team)),
            "actions": (names.ACTIONS, scoped(actions_for(months), team)),
            "complaints": (names.COMPLAINTS, scoped(complaints_for(months), team, theme, True)),
            "feedback": (names.FEEDBACK, scoped(window, team, theme, True)),
            "safety_links": (names.SAFETY_LINKS, scoped(window, team)),
            "observations": (names.OBSERVATIONS, scoped(window, team)),
            "checklists": (names.CHECKLISTS, scoped(window, team)),
            "meetings": (names.MEETINGS, scoped(window, team)),
            "priorities": (names.PRIORITIES, scoped(window, team)),
            "priority_outcomes": (names.PRIORITY_OUTCOMES, scoped(window, team)),
            "escalated_themes": (names.ESCALATED_THEMES, scoped(window, team)),
            "themed_audits": (names.THEMED_AUDITS, scoped(window, team)),
            # answered in the months, or answers to the themes escalated in them
            "theme_answers": (names.THEME_ANSWERS, scoped(
                {"$or": [window, {"escalated_month": {"$in": months}}]}, team)),
        }
        found = dict(zip(reads, await asyncio.gather(
            *(self.facts.find(collection, query) for collection, query in reads.values())),
            strict=True))
        programme, signoff = found.pop("programme"), found.pop("signoff")
        return BriefingFacts(**found, programme=_public(programme[0]) if programme else None,
                             signoff=_public(signoff[0]) if signoff else None)

    async def auditing(self, months: list[str], auditor: str | None = None) -> tuple[Rows, Rows]:
        """(audits, moderations) in `months`, all auditors' or one's: for competency records."""
        query: dict[str, Any] = {"month": {"$in": months}}
        if auditor:
            query = {"auditor_ids": auditor, **query}
        audits, moderations = await asyncio.gather(
            self.facts.find(names.AUDITS, query, fields=["auditor_ids", "month", "on_time"]),
            self.facts.find(names.MODERATIONS, query))
        return audits, moderations

    async def good_practice(self, months: list[str], team: str | None = None) -> Rows:
        """The register of outstanding practice over `months`, or a team's."""
        return await self.facts.find(names.GOOD_PRACTICE,
                                     scoped({"month": {"$in": months}}, team))

    async def audit_workers(self, audit_ids: list[str]) -> dict[str, str | None]:
        """{audit id: the social worker whose case it audited}, by _id."""
        found = await self.facts.find(names.AUDITS, {"_id": {"$in": sorted(audit_ids)}},
                                      fields=["social_worker_id"])
        return {row["_id"]: row.get("social_worker_id") for row in found}

    async def programme_months(self, months: list[str]) -> Rows:
        return await self.facts.find(names.PROGRAMME, {"_id": {"$in": months}})

    async def staff(self, team: str | None = None) -> Rows:
        return await self.facts.find(names.STAFF, scoped({}, team))

    async def names(self) -> tuple[Rows, Rows]:
        """Every person's display name and every team's name (for pages, exports, PDFs)."""
        return (await self.facts.find(names.STAFF, {}, fields=["display_name"]),
                await self.facts.find(names.TEAMS, {}, fields=["name"]))

    async def team_indicators(self, team: str, months: list[str]) -> Rows:
        return await self.facts.find(names.INDICATORS, {"team_id": team, "month": {"$in": months}})

    async def audit_dates(self, months: list[str]) -> Rows:
        """Who was audited in `months`, and when (for coverage)."""
        return await self.facts.find(names.AUDITS, {"month": {"$in": months}},
                                     fields=["social_worker_id", "submitted_on"])

    async def observations(self, months: list[str]) -> Rows:
        return await self.facts.find(names.OBSERVATIONS, {"month": {"$in": months}})

    async def complaints(self, months: list[str], *, team: str | None,
                         theme: str | None) -> Rows:
        return await self.facts.find(names.COMPLAINTS,
                                     scoped(complaints_for(months), team, theme, True))

    async def feedback_period(self, months: list[str], *,
                              team: str | None = None) -> tuple[Rows, Rows, Rows]:
        """(feedback received, complaints received, every complaint a report over `months`
        reads) for the feedback summary and the staff briefing sheet."""
        window = {"month": {"$in": months}}
        items, every = await asyncio.gather(
            self.facts.find(names.FEEDBACK, scoped(window, team),
                            fields=["source", "month", "team_id", "themes", "rating"]),
            self.facts.find(names.COMPLAINTS, scoped(complaints_for(months), team),
                            fields=["month", "team_id", "themes", "complainant",
                                    "current_stage", "stages"]))
        return items, [c for c in every if c["month"] in months], every

    async def staff_briefing(self, half: str) -> dict[str, Any] | None:
        found = await self.facts.find(names.STAFF_BRIEFINGS, {"_id": half})
        return _public(found[0]) if found else None

    async def listed(self, kind: str, *, months: list[str] | None, team: str | None,
                     grade: str | None, status: str | None) -> Rows:
        """The facts behind a figure (`names.LISTS`): in `months` by the kind's month field."""
        collection, month_field = names.LISTS[kind]
        query: dict[str, Any] = {}
        if months is not None:
            query[month_field] = months[0] if len(months) == 1 else {"$in": months}
        if grade:
            query["overall_grade"] = grade
        if status:
            query["status"] = status
        return await self.facts.find(collection, scoped(query, team))

    async def actions(self, *, origin_id: str | None, team: str | None,
                      raised_month: str | None) -> Rows:
        criteria = {"origin_id": origin_id, "team_id": team, "raised_month": raised_month}
        return await self.facts.find(names.ACTIONS,
                                     {k: v for k, v in criteria.items() if v is not None})

    async def latest_month(self, up_to: str) -> str | None:
        """The latest month, up to `up_to`, in which an audit was completed or feedback came
        in (each read from its month index, newest first, one document)."""
        found = await asyncio.gather(*(
            self.facts.find(collection, {"month": {"$lte": up_to}}, fields=["month"],
                            sort=[("month", -1), ("_id", -1)], limit=1)
            for collection in (names.AUDITS, names.FEEDBACK)))
        months = [rows[0]["month"] for rows in found if rows]
        return max(months) if months else None

    async def generation(self) -> str:
        """Which generation the facts are read from (a rebuild swaps it)."""
        return (await self.facts.collection(names.TEAMS)).name

    async def teams_named(self) -> set[str]:
        """Every team the facts name: a distinct over each collection's team index."""
        found: set[str] = set()
        for values in await asyncio.gather(self.facts.distinct(names.TEAMS, "_id"), *(
                self.facts.distinct(collection, "team_id") for collection in (
                    names.AUDITS, names.ACTIONS, names.FEEDBACK, names.COMPLAINTS,
                    names.OBSERVATIONS, names.ALLOCATIONS))):
            found.update(v for v in values if v)
        return found

    async def themes_named(self) -> set[str]:
        found: set[str] = set()
        for values in await asyncio.gather(
                self.facts.distinct(names.PROGRAMME, "theme"),
                *(self.facts.distinct(c, "themes", array=True) for c in (names.FEEDBACK,
                                                                          names.COMPLAINTS))):
            found.update(values)
        return found


def _public(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in ("_id", "as_of")}
