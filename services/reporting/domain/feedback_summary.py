"""Feedback to everyone (issue 13), pure: the quarterly customer feedback summary for the
leadership team and each team, and the biannual staff briefing sheet. Counts, ratings and
themes only: the facts hold no names, no case references and no free text, and the tables
below never show a complaint's own reference."""

from __future__ import annotations

import re
from typing import Any

from schemas.complaint import Outcome
from .figures import count_by, count_each, percent
from .tables import Table

Rows = list[dict[str, Any]]
HALF_PATTERN = re.compile(r"^(19\d\d|[2-9]\d{3})-H[12]$")
OUTCOMES: tuple[Outcome, ...] = ("upheld", "partly_upheld", "not_upheld")
RATINGS = (1, 2, 3, 4, 5)
TOP_THEMES = 10
# The lessons go to every member of staff: refuse what looks like contact details, a phone
# number or a reference (a word of six or more characters mixing letters with three or more
# digits, as case and complaint references do), so nobody can be identified from them.
LOOKS_PERSONAL = re.compile(r"@|\d{6,}|(?<![\w/-])(?=(?:[\w/-]*\d){3})(?=[\w/-]*[A-Za-z])"
                            r"[\w/-]{6,}")


def half_months(half: str) -> list[str]:
    year, h = half.split("-H")
    first = 1 if h == "1" else 7
    return [f"{year}-{m:02d}" for m in range(first, first + 6)]


def half_of(month: str) -> str:
    year, mon = month.split("-")
    return f"{year}-H{1 if int(mon) <= 6 else 2}"


def ratings(items: Rows) -> dict[str, Any]:
    rated = [i["rating"] for i in items if i.get("rating")]
    return {"rated": len(rated),
            "by_rating": {str(r): rated.count(r) for r in RATINGS},
            "average": round(sum(rated) / len(rated), 2) if rated else None}


def complaints_by_stage(received: Rows, every: Rows, months: list[str]) -> dict[str, Any]:
    """Received in the period by the stage they reached; responses given in the period by
    stage and outcome, and within timescale."""
    responses = [s for c in every for s in c.get("stages", [])
                 if (s.get("responded_on") or "")[:7] in months]
    return {
        "received": len(received),
        "by_stage_reached": {str(n): sum(1 for c in received if c.get("current_stage") == n)
                             for n in (1, 2, 3)},
        "by_complainant": count_by(received, "complainant"),
        "responses": len(responses),
        "outcomes_by_stage": {str(n): {o: sum(1 for s in responses
                                              if s["stage"] == n and s.get("outcome") == o)
                                       for o in OUTCOMES} for n in (1, 2, 3)},
        "within_timescale_percent": percent(sum(1 for s in responses if s.get("within")),
                                            len(responses)),
    }


def top(counts: dict[str, int], n: int = TOP_THEMES) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def summary(items: Rows, received: Rows, every: Rows, *, months: list[str]) -> dict[str, Any]:
    """What came in over `months`: feedback by source, its ratings and themes; compliments;
    complaints by stage and outcome, and their themes."""
    by_source = count_by(items, "source")
    return {"feedback": len(items), "by_source": by_source,
            "compliments": by_source.get("compliment", 0), "ratings": ratings(items),
            "feedback_themes": top(count_each(items, "themes")),
            "complaints": complaints_by_stage(received, every, months),
            "complaint_themes": top(count_each(received, "themes"))}


def by_team(items: Rows, received: Rows) -> list[dict[str, Any]]:
    """The leadership team's view of each team: what each team's own summary adds up."""
    teams = sorted({r.get("team_id") for r in [*items, *received] if r.get("team_id")})
    return [{"team_id": t, "feedback": sum(1 for i in items if i.get("team_id") == t),
             "average_rating": ratings([i for i in items if i.get("team_id") == t])["average"],
             "compliments": sum(1 for i in items if i.get("team_id") == t
                                and i.get("source") == "compliment"),
             "complaints": sum(1 for c in received if c.get("team_id") == t)} for t in teams]


def lessons_refused(lessons: list[str]) -> dict[str, str]:
    """Each lesson that looks like it could identify someone, by its field."""
    return {f"lessons.{n}": "looks like personal data (an email, case or phone number): "
                            "describe the lesson without it"
            for n, text in enumerate(lessons) if LOOKS_PERSONAL.search(text)}


# --- tables for pages, CSV and PDF --------------------------------------------------------

def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def tables(s: dict[str, Any]) -> dict[str, tuple[str, Table]]:
    """Every table of a summary or briefing sheet, by name, with its heading."""
    r, c = s["ratings"], s["complaints"]
    found = {
        "feedback": ("Feedback received", (["Source", "Items"], [
            [_label(k), v] for k, v in sorted(s["by_source"].items())] + [["All", s["feedback"]]])),
        "ratings": ("Customer feedback ratings (1 poor to 5 excellent)", (
            ["Rating", "Items"], [[str(n), r["by_rating"][str(n)]] for n in RATINGS]
            + [["Average", r["average"] if r["average"] is not None else "-"]])),
        "feedback-themes": ("Themes of feedback", (["Theme", "Items"],
                                                   [[_label(t), n] for t, n in s["feedback_themes"]])),
        "complaints": ("Complaints by stage and outcome", (
            ["Stage", "Reached this period", *[_label(o) for o in OUTCOMES]],
            [[f"Stage {n}", c["by_stage_reached"][str(n)],
              *[c["outcomes_by_stage"][str(n)][o] for o in OUTCOMES]] for n in (1, 2, 3)])),
        "complaint-themes": ("Themes of complaints", (["Theme", "Complaints"],
                                                      [[_label(t), n] for t, n in s["complaint_themes"]])),
    }
    if s.get("teams") is not None:
        found["teams"] = ("Each team", (["Team", "Feedback", "Average rating", "Compliments",
                                         "Complaints"],
                                        [[t.get("team_name", t["team_id"]), t["feedback"],
                                          t["average_rating"] if t["average_rating"] is not None else "-",
                                          t["compliments"], t["complaints"]] for t in s["teams"]]))
    return found
