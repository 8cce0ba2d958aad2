"""The deadline timeline as an inline SVG chart (bar charts come from
:mod:`casekit.evidence.charts`, shared with the evidence pack).

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
    "holding reply sent": "#6a4c93",
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

    ``rows`` are :class:`casekit.feedback.monitoring.DeadlineRow` (or anything with ``case``,
    ``label``, ``due`` and ``flag``).
    """
    live = [r for r in rows if r.flag not in ("met", "missed", "passed on")]
    if not live:
        return (
            '<p class="casekit-empty"><em>No deadlines are running: the timeline is empty.</em></p>'
        )
    first = min([today, *(r.due for r in live)])
    last = max([today, *(r.due for r in live)])
    span = max((last - first).days, 1)
    longest = max(len(f"{r.case} {r.label}") for r in live)
    # Room for the longest label in full (about 7 px a character at 12 px), never cut.
    left, right, row_h, top = max(250, 7 * longest + 16), 20, 24, 34
    width = max(width, left + 320)
    plot_w = width - left - right
    height = top + row_h * len(live) + 10

    def x(d: date) -> float:
        return left + plot_w * (d - first).days / span

    title = f"Deadline timeline: {len(live)} running deadline{'' if len(live) == 1 else 's'}; "
    title += f"today is {_day(today)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="casekit-chart casekit-timeline" '
        f'role="img" aria-label="{_esc(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" style="max-width:100%;height:auto">'
        f"<title>{_esc(title)}</title>"
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
            f"{_esc(label)}</text>"
            f'<rect x="{x1:.1f}" y="{y + 4}" width="{x2 - x1:.1f}" height="14" rx="2" '
            f'fill="{colour}"/>'
            f'<circle cx="{x(row.due):.1f}" cy="{y + 11}" r="5" fill="#fff" stroke="{colour}" '
            f'stroke-width="2"/></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
