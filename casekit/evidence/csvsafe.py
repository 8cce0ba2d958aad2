"""CSV cells a spreadsheet will never run as a formula, whatever its delimiter locale.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken by
Excel and LibreOffice as a formula (CSV injection: ``=HYPERLINK(...)`` in a learner's name
runs when a tutor opens the class list). A spreadsheet set to a locale whose list
separator is ``;`` splits an unquoted ``Centre;=1+1`` into two cells, the second a formula,
so a formula start after any of ``,`` ``;`` ``|`` or a tab inside a cell is neutralised too.
Neutralising puts an apostrophe in front, which spreadsheets read as "this is text" and
do not show. Every CSV the kit writes goes through :func:`safe_cell` (``to_csv`` here, and
:func:`safe_frame` for pandas tables), so no writer can forget it.

Source: OWASP, "CSV Injection" (owasp.org/www-community/attacks/CSV_Injection).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A separator some locale splits on, then optional spaces, then a formula start.
_INSIDE = re.compile(r"([,;|\t])([ ]*)(?=[=+\-@\r])")


def plain(value: Any) -> str:
    """A value as the text a CSV cell holds (lists joined, booleans yes/no)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {plain(v)}" for k, v in sorted(value.items()))
    return str(value)


def safe_cell(value: Any) -> str:
    """The cell's text with every place a spreadsheet could start a formula neutralised."""
    text = plain(value)
    if not text:
        return text
    text = _INSIDE.sub(r"\1\2'", text)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def is_safe(text: str) -> bool:
    """Whether no part of ``text`` a spreadsheet could split off starts a formula (for
    tests and checks: each such part begins with the neutralising apostrophe)."""
    parts = re.split(r"[,;|\t]", text)
    return not any(p.lstrip(" ").startswith(FORMULA_START) for p in parts)


def _line_ends(text: str) -> str:
    """A carriage return as a line end: the csv module quotes a cell holding ``\\n`` but
    not one holding only ``\\r``, which a reader takes as the end of the row."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def to_csv(rows: Iterable[dict[str, Any]], columns: list[str]) -> str:
    """Rows as CSV text (``\\n`` line ends), the header first, every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_line_ends(safe_cell(c)) for c in columns])
    for row in rows:
        writer.writerow([_line_ends(safe_cell(row.get(c, ""))) for c in columns])
    return buffer.getvalue()


def safe_frame(frame: pd.DataFrame, *, csv_text: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are made safe (numbers stay
    numbers), ready for ``to_excel`` (or, with ``csv_text``, ``to_csv``)."""
    make = (lambda v: _line_ends(safe_cell(v))) if csv_text else safe_cell
    out = frame.copy()
    out.columns = [make(c) for c in out.columns]
    for name in out.columns:
        column = out[name]
        if column.dtype == object or str(column.dtype) in ("string", "str", "category"):
            out[name] = column.map(lambda v: make(v) if isinstance(v, str | list) else v)
    return out


def frame_csv(frame: pd.DataFrame) -> str:
    """A DataFrame as CSV text made safe (no index, ``\\n`` line ends)."""
    return safe_frame(frame, csv_text=True).to_csv(index=False, lineterminator="\n")
