"""Small inline SVG charts for the forms: the deadline timeline and horizontal bar charts.

Plain SVG strings (no plotting library): they render in JupyterLab, Voila and an
exported notebook alike, work offline, and carry a text alternative (``role="img"``,
``<title>`` and ``aria-label``) so the chart is not lost on a screen-reader user. Colours
follow the dashboard flags; every bar is labelled in words as well as coloured.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

FLAG_COLOURS = {
    "overdue": "#b00020",
    "missed": "#b00020",
    "holding reply needed": "#c25e00",
    "due today": "#c25e00",
    "due soon": "#9a7b00",
    "on track": "#2e7d32",
    "stopped": "#607d8b",
    "passed on": "#607d8b",
    "met": "#1565c0",
}
_FONT = 'font-family="sans-serif" font-size="12"'


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def _short(d: date) -> str:
    return f"{d.day} {d:%b}"


def deadline_timeline_svg(rows: Sequence[Any], today: date, *, width: int = 720) -> str:
    """One line per clock still running: a bar from today to its due date (red back to the
    due date when overdue), with the case, the clock and the flag written beside it.

    ``rows`` are :class:`casekit.monitoring.DeadlineRow` (or anything with ``case``,
    ``label``, ``due`` and ``flag``).
    """
    live = [r for r in rows if r.flag not in ("met", "missed", "passed on")]
    if not live:
        return (
            '<p class="casekit-empty"><em>No deadlines are running: the timeline is empty.'
            "</em></p>"
        )
    first = min([today, *(r.due for r in live)])
    last = max([today, *(r.due for r in live)])
    span = max((last - first).days, 1)
    left, right, row_h, top = 250, 20, 24, 34
    plot_w = width - left - right
    height = top + row_h * len(live) + 10

    def x(d: date) -> float:
        return left + plot_w * (d - first).days / span

    title = f"Deadline timeline: {len(live)} running deadline(s); today is {_day(today)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="casekit-chart casekit-timeline" '
        f'role="img" aria-label="{_esc(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{_esc(title)}</title>'
    ]
    # week ticks
    tick = first
    while tick <= last:
        if tick.weekday() == 0 or tick == first:
            tx = x(tick)
            parts.append(
                f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{height - 6}" '
                f'stroke="#ddd"/><text x="{tx:.1f}" y="{top - 10}" {_FONT} fill="#444" '
                f'text-anchor="middle">{_esc(_short(tick))}</text>'
            )
        tick += timedelta(days=1)
    tx = x(today)
    parts.append(
        f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{height - 6}" stroke="#000" '
        f'stroke-width="2"/><text x="{tx:.1f}" y="12" {_FONT} font-weight="bold" '
        f'text-anchor="middle">today</text>'
    )
    for i, row in enumerate(live):
        y = top + i * row_h
        colour = FLAG_COLOURS.get(row.flag, "#555")
        start, end = sorted((today, row.due))
        x1, x2 = x(start), max(x(end), x(start) + 3)
        label = f"{row.case} {row.label}"
        words = f"{row.case}, {row.label}: due {_day(row.due)} ({row.flag})"
        parts.append(
            f'<g class="casekit-timeline-row"><title>{_esc(words)}</title>'
            f'<text x="{left - 8}" y="{y + 15}" {_FONT} text-anchor="end" fill="#222">'
            f"{_esc(label[:38])}</text>"
            f'<rect x="{x1:.1f}" y="{y + 4}" width="{x2 - x1:.1f}" height="14" rx="2" '
            f'fill="{colour}"/>'
            f'<circle cx="{x(row.due):.1f}" cy="{y + 11}" r="5" fill="#fff" stroke="{colour}" '
            f'stroke-width="2"/></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_svg(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    maximum: float | None = None,
    unit: str = "",
    target: float | None = None,
    width: int = 620,
) -> str:
    """Horizontal bars, one per ``(label, value)``, each with its value written at its end.
    ``target`` draws a dashed line (e.g. the minimum evidence a criterion needs)."""
    if not items:
        return f'<p class="casekit-empty"><em>{_esc(title)}: nothing to chart yet.</em></p>'
    top_value = maximum if maximum is not None else max([v for _, v in items] + [target or 0])
    top_value = top_value or 1
    left, right, row_h, top = 200, 60, 26, 28
    plot_w = width - left - right
    height = top + row_h * len(items) + 8
    described = "; ".join(f"{label}: {_num(v)}{unit}" for label, v in items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="casekit-chart casekit-bars" '
        f'role="img" aria-label="{_esc(title + ". " + described)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{_esc(title)}</title>'
        f'<text x="0" y="16" {_FONT} font-weight="bold">{_esc(title)}</text>'
    ]
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        w = plot_w * max(value, 0) / top_value
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" {_FONT} text-anchor="end">{_esc(label[:30])}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="16" fill="#1565c0"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + 15}" {_FONT}>'
            f"{_esc(_num(value))}{_esc(unit)}</text>"
        )
    if target is not None:
        tx = left + plot_w * target / top_value
        parts.append(
            f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{height - 4}" stroke="#b00020" '
            f'stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
