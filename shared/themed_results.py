"""Themed, dip-sample and multi-agency audit results, added up (pure): the same figures on
learning's monthly findings page and in reporting's packs, from each service's own copy of
`audit.themed_recorded` (a row per case audited: `theme_id`, `theme`, `questions` mapping
each question id to its answer, `multi_agency`, `dip_sample_id`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

ANSWERS = ("yes", "partly", "no", "not_applicable")


def questions_answered(answers: Iterable[Any]) -> dict[str, str]:
    """An event's answers as the rows keep them: question id → answer."""
    return {a.question_id: a.answer for a in answers}


def themed_results(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Cases audited against themes, how many in dip samples and how many multi-agency, and
    per theme and question how often each answer was given (themes by title)."""
    rows = list(rows)
    themes: dict[str, dict[str, Any]] = {}
    for r in rows:
        t = themes.setdefault(r["theme_id"], {
            "theme_id": r["theme_id"], "theme": r.get("theme") or r["theme_id"], "audits": 0,
            "dip_sampled": 0, "multi_agency": 0, "answers": dict.fromkeys(ANSWERS, 0),
            "questions": {}})
        t["audits"] += 1
        t["dip_sampled"] += bool(r.get("dip_sample_id"))
        t["multi_agency"] += bool(r.get("multi_agency"))
        for question, answer in (r.get("questions") or {}).items():
            t["answers"][answer] += 1
            t["questions"].setdefault(question, dict.fromkeys(ANSWERS, 0))[answer] += 1
    listed = []
    for t in sorted(themes.values(), key=lambda t: (t["theme"], t["theme_id"])):
        t["questions"] = [{"question_id": q, **counts}
                          for q, counts in sorted(t["questions"].items())]
        listed.append(t)
    return {"audits": len(rows),
            "dip_sampled": sum(1 for r in rows if r.get("dip_sample_id")),
            "dip_samples": len({r["dip_sample_id"] for r in rows if r.get("dip_sample_id")}),
            "multi_agency": sum(1 for r in rows if r.get("multi_agency")),
            "themes": listed}
