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
def grade_bars(rows: dict[str, dict[str, int]], *, title: str) -> str:
    """One stacked horizontal bar per judgement (overall, impact, standards)."""
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
def trend_lines(trends: list[dict[str, Any]], series: dict[str, str], *, title: str) -> str:
    chart = pygal.Line(style=Style(**_BASE), title=title, width=760, height=300,
                       legend_at_bottom=True, disable_xml_declaration=True, js=[], margin=8,
                       show_minor_x_labels=True, allow_interruptions=True)
    chart.x_labels = [t["month"] for t in trends]
    for key, label in series.items():
        chart.add(label, [t.get(key) for t in trends])
    return _render(chart)


@remembered
def bars(counts: dict[str, int], *, title: str) -> str:
    chart = pygal.Bar(style=Style(**_BASE), title=title, width=760, height=260,
                      show_legend=False, disable_xml_declaration=True, js=[], margin=8)
    chart.x_labels = [k.replace("_", " ") for k in counts]
    chart.add(title, list(counts.values()))
    return _render(chart)


@remembered
def stacked_bars(categories: list[str], series: dict[str, list[int]], *, title: str,
                 colours: tuple[str, ...] = ("#1a7f37", "#cf222e", "#d4a72c", "#1d5fa8")) -> str:
    """Vertical stacked bars: one bar per category (a quarter), one colour per series."""
    chart = pygal.StackedBar(style=Style(colors=colours, **_BASE), title=title, width=760,
                             height=300, legend_at_bottom=True, disable_xml_declaration=True,
                             js=[], margin=8)
    chart.x_labels = categories
    for label, values in series.items():
        chart.add(label, values)
    return _render(chart)
