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


LINE = 28  # characters of a label on one line
LINE_H = 15


def wrap(label: str, width: int = LINE) -> list[str]:
    """A label cut into lines of at most ``width`` characters at spaces (a longer word
    alone on its line, cut only if it is longer than the line): the whole label shows."""
    lines: list[str] = []
    for word in label.split():
        chunks = [word[i : i + width] for i in range(0, len(word), width)]
        for n, chunk in enumerate(chunks):
            if n == 0 and lines and len(lines[-1]) + 1 + len(chunk) <= width:
                lines[-1] += " " + chunk
            else:
                lines.append(chunk)
    return lines or [""]


def _label(label: str, y: int, left: int) -> tuple[str, int]:
    """The label's text element and the extra height its lines need."""
    lines = wrap(label) if len(label) > LINE else [label]
    if len(lines) == 1:
        return f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>', 0
    spans = "".join(
        f'<tspan x="{left - 8}" dy="{0 if n == 0 else LINE_H}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text y="{y + 15}" text-anchor="end">{spans}</text>', (len(lines) - 1) * LINE_H


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
    top_value = max([*values, target or 0, max_value or 0, 1])
    span = width - left - right
    rows = []
    y = top
    for label, value in zip(labels, values, strict=True):
        w = round(span * max(value, 0) / top_value, 2)
        text, extra = _label(label, y, left)
        rows.append(
            text + f'<rect x="{left}" y="{y}" width="{_fmt(w)}" height="{bar_h}" fill="{colour}">'
            f"<title>{escape(label)}: {_fmt(value)}</title></rect>"
            f'<text x="{left + w + 6:.2f}" y="{y + 15}">{_fmt(value)}</text>'
        )
        y += bar_h + gap + extra
    height = y + 20
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
