"""Charts rendered on the server as SVG with pygal (no JavaScript needed to see them).

Rendering is a pure function of a chart's figures, and pygal takes 7-12 ms a chart (a third
of the briefing page's time), so each rendered chart is kept, by its figures, for the next
page that draws the same one: until a new fact changes a figure, every reader's briefing
reuses it (`remembered`, a bounded cache). The same figures draw the same picture; only
pygal's random element id differs between renderings, and no page draws one chart twice."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import pygal
from pygal.style import Style

from ...domain.figures import GRADES
from ...domain.tables import grade_rows

GRADE_COLOURS = ("#1a7f37", "#4fa361", "#d4a72c", "#cf222e")
_BASE = dict(background="transparent", plot_background="transparent",
             font_family="system-ui, sans-serif", label_font_size=12,
             major_label_font_size=12, legend_font_size=12, title_font_size=14)


F = TypeVar("F", bound=Callable[..., str])
REMEMBERED = 256  # charts kept: a briefing draws 3, a dozen pages and filters fit easily


def _render(chart: Any) -> str:
    return chart.render(is_unicode=True)


def remembered(draw: F) -> F:
    """The same figures again give the chart drawn last time, without pygal."""
    kept: OrderedDict[str, str] = OrderedDict()

    @wraps(draw)
    def cached(*args: Any, **kwargs: Any) -> str:
        key = json.dumps([args, kwargs], default=repr)  # order counts: it is drawn
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
        svg = kept[key] = draw(*args, **kwargs)
        if len(kept) > REMEMBERED:
            kept.popitem(last=False)
        return svg

    cached.cache = kept  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]


@remembered
def grade_bars(rows: dict[str, dict[str, int]], *, title: str) -> str | None:
    """One stacked horizontal bar per judgement (overall, impact, standards); None when
    there is no grade to draw (a chart of nothing on a 0 to 1 axis says nothing true)."""
    if not any(n for counts in rows.values() for n in counts.values()):
        return None
    chart = pygal.HorizontalStackedBar(
        style=Style(colors=GRADE_COLOURS, **_BASE), title=title, height=80 + 32 * len(rows),
        width=760, legend_at_bottom=True, disable_xml_declaration=True, js=[], print_values=False,
        show_y_guides=False, margin=8)
    ordered = list(reversed(rows.items()))  # pygal draws the first label at the bottom
    chart.x_labels = [name for name, _ in ordered]
    for grade in GRADES:
        chart.add(grade.replace("_", " "), [counts.get(grade, 0) for _, counts in ordered])
    return _render(chart)


@remembered
def trend_lines(trends: list[dict[str, Any]], series: dict[str, str], *,
                title: str) -> str | None:
    if not any(t.get(key) for t in trends for key in series):
        return None
    chart = pygal.Line(style=Style(**_BASE), title=title, width=760, height=300,
                       legend_at_bottom=True, disable_xml_declaration=True, js=[], margin=8,
                       show_minor_x_labels=True, allow_interruptions=True)
    chart.x_labels = [t["month"] for t in trends]
    for key, label in series.items():
        chart.add(label, [t.get(key) for t in trends])
    return _render(chart)


@remembered
def bars(counts: dict[str, int], *, title: str) -> str | None:
    if not any(counts.values()):
        return None
    chart = pygal.Bar(style=Style(**_BASE), title=title, width=760, height=260,
                      show_legend=False, disable_xml_declaration=True, js=[], margin=8)
    chart.x_labels = [k.replace("_", " ") for k in counts]
    chart.add(title, list(counts.values()))
    return _render(chart)


@remembered
def stacked_bars(categories: list[str], series: dict[str, list[int]], *, title: str,
                 colours: tuple[str, ...] = ("#1a7f37", "#cf222e", "#d4a72c", "#1d5fa8")) -> str | None:
    """Vertical stacked bars: one bar per category (a quarter), one colour per series."""
    if not any(n for values in series.values() for n in values):
        return None
    chart = pygal.StackedBar(style=Style(colors=colours, **_BASE), title=title, width=760,
                             height=300, legend_at_bottom=True, disable_xml_declaration=True,
                             js=[], margin=8)
    chart.x_labels = categories
    for label, values in series.items():
        chart.add(label, values)
    return _render(chart)


@remembered
def before_after_bars(labels: list[str], before: list[float | None],
                      after: list[float | None], *, title: str) -> str | None:
    """A pair of bars per learning session: the attending teams' audits good or better
    before it and after; None while no session has a graded audit on either side."""
    if all(v is None for v in [*before, *after]):
        return None
    chart = pygal.Bar(style=Style(colors=("#8c959f", "#1d5fa8"), **_BASE), title=title,
                      width=760, height=300, legend_at_bottom=True, range=(0, 100),
                      disable_xml_declaration=True, js=[], margin=8)
    chart.x_labels = labels
    chart.add("Good or better before (%)", before)
    chart.add("Good or better after (%)", after)
    return _render(chart)


def learning_sessions_chart(learned: dict[str, Any]) -> str | None:
    rows = learned["sessions"]
    return before_after_bars(
        [f"{s['session_title']} ({s['delivered_on']})" for s in rows],
        [s["before"]["good_or_better_percent"] for s in rows],
        [s["after"]["good_or_better_percent"] for s in rows],
        title="Attending teams' audits before and after each learning session")


# Each report's charts, drawn once for its page and its PDF: (what it shows, the SVG or None).
VOLUMES = {"audits_completed": "Audits", "actions_raised": "Actions raised",
           "complaints_received": "Complaints", "compliments": "Compliments"}
TREND_SERIES = {"good_or_better_percent": "Good or better (%)",
                "impact_good_or_better_percent": "Impact good or better (%)",
                "on_time_percent": "On time (%)"}


def briefing_charts(b: dict[str, Any], period: str) -> dict[str, str | None]:
    return {"grades": grade_bars(grade_rows(b["audits"]), title=f"Grades, {period}"),
            "trends": trend_lines(b["trends"], TREND_SERIES, title="Six-month trends"),
            "volumes": trend_lines(b["trends"], VOLUMES, title="Volumes by month"),
            "learning": learning_sessions_chart(b["learn"])}


def forum_charts(p: dict[str, Any], quarter: str) -> dict[str, str | None]:
    return {"grades": grade_bars(grade_rows(p["audits"]), title=f"Grades, {quarter}"),
            "trends": trend_lines(p["trends"], TREND_SERIES, title="Month by month")}


def clinic_charts(p: dict[str, Any], indicators: list[dict[str, Any]]) -> dict[str, str | None]:
    named = {k: k for k in (indicators[0] if indicators else {}) if k != "month"}
    return {"grades": grade_bars(grade_rows(p["audits"]), title="Grades in the period"),
            "trends": trend_lines(p["trends"], TREND_SERIES, title="Month by month"),
            "indicators": trend_lines(indicators, named, title="Locality indicators")}


def complaints_charts(c: dict[str, Any], year: str, quarters: list[str]) -> dict[str, str | None]:
    within = [c["quarters"][q]["within_timescale"] for q in quarters]
    late = [c["quarters"][q]["responded"] - n for q, n in zip(quarters, within, strict=True)]
    return {"quarters": stacked_bars(quarters, {"Within timescale": within,
                                                "Outside timescale": late},
                                     title=f"Responses by quarter, {year}"),
            "themes": bars(c["this_year"]["themes"], title="Themes")}


def impact_charts(i: dict[str, Any]) -> dict[str, str | None]:
    regraded = {k: v for k, v in i["is_anyone_better_off"]["re_audited_cases"].items()
                if k != "re_audited"}
    return {"trends": trend_lines(i["grades_against_impact"], TREND_SERIES,
                                  title="Grades against impact"),
            "reaudits": bars(regraded, title="Re-audited cases"),
            "learning": learning_sessions_chart(i["learn"])}
