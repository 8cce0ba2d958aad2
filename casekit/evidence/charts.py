"""Deterministic SVG bar charts, drawn as text so packs stay byte-identical and offline.

No plotting library: the same numbers give the same bytes on every machine, every label
is XML-escaped (labels can come from learner text), and the chart carries a ``<title>``
and ``<desc>`` so a screen reader can describe it.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape as _escape

_NOT_XML = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF])


def escape(text: str) -> str:
    """XML-escape text and drop the characters XML 1.0 cannot hold at all."""
    cleaned = "".join(ch for ch in str(text).translate(_NOT_XML) if not 0xD800 <= ord(ch) <= 0xDFFF)
    return _escape(cleaned)


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    max_value: float | None = None,
    target: float | None = None,
    colour: str = "#1d4f91",
    width: int = 640,
    standalone: bool = True,
) -> str:
    """A horizontal bar chart as an SVG document string.

    ``target`` draws a dashed line (e.g. the centre's minimum number of items);
    ``standalone=False`` leaves out the XML namespace for inline use in HTML."""
    if len(labels) != len(values):
        raise ValueError("labels and values differ in length")
    bar_h, gap, left, right, top = 22, 8, 190, 60, 40
    height = top + len(labels) * (bar_h + gap) + 20
    top_value = max([*values, target or 0, max_value or 0, 1])
    span = width - left - right
    rows = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (bar_h + gap)
        w = round(span * max(value, 0) / top_value, 2)
        short = label if len(label) <= 28 else label[:27] + "…"
        rows.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{left}" y="{y}" width="{_fmt(w)}" height="{bar_h}" fill="{colour}">'
            f"<title>{escape(label)}: {_fmt(value)}</title></rect>"
            f'<text x="{left + w + 6:.2f}" y="{y + 15}">{_fmt(value)}</text>'
        )
    if target:
        x = left + span * target / top_value
        rows.append(
            f'<line x1="{x:.2f}" y1="{top - 6}" x2="{x:.2f}" y2="{height - 14}" '
            f'stroke="#8a1c1c" stroke-dasharray="4 3"/>'
            f'<text x="{x:.2f}" y="{top - 10}" text-anchor="middle" fill="#8a1c1c">'
            f"minimum {_fmt(target)}</text>"
        )
    summary = "; ".join(f"{lab}: {_fmt(v)}" for lab, v in zip(labels, values, strict=True))
    return (
        "<svg"
        + (' xmlns="http://www.w3.org/2000/svg"' if standalone else "")
        + f' role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif" font-size="13" '
        f'fill="#1a1a1a" aria-labelledby="chart-title chart-desc">'
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(summary)}</desc>'
        f'<text x="8" y="20" font-weight="bold">{escape(title)}</text>' + "".join(rows) + "</svg>\n"
    )
