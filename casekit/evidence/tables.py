"""The tutor's and assessor's tables as files and as coloured tables: CSV, XLSX, HTML.

Each table is a pandas DataFrame, computed once and rendered from it: a CSV (every cell
formula-safe, :mod:`casekit.evidence.csvsafe`), a spreadsheet (the same cells: openpyxl
would otherwise store a text starting with ``=`` as a formula) with a filter on every
column and red/amber/green cells, and an HTML table with the same colours for the
notebook. Colours carry meaning twice: the cell's words (met / partly / not yet) say it
too, so nothing depends on seeing colour.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.evidence.csvsafe import frame_csv, safe_frame

if TYPE_CHECKING:
    import pandas as pd

# Background and text colours with at least 4.5:1 contrast (WCAG 1.4.3).
GREEN, AMBER, RED = ("#d8f0dc", "#14522a"), ("#fff0c2", "#5c4200"), ("#fbd9d7", "#7a1712")
WORDS = {"met": GREEN, "partly": AMBER, "not yet": RED, "yes": GREEN, "no": RED}
INTEGRITY = {"intact": GREEN, "changed": RED, "refused": RED}
COUNTS_BAD = ("traps_mishandled", "traps_missed", "mistakes")


def colour(column: str, value: Any) -> tuple[str, str] | None:
    """The (background, text) colour of a cell, or None for an uncoloured one."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    if column == "integrity":
        return INTEGRITY.get(text)
    if column in ("submitted",) or text in ("met", "partly", "not yet"):
        return WORDS.get(text)
    if column in COUNTS_BAD:
        try:
            n = int(value)
        except (TypeError, ValueError):
            return None
        return GREEN if n == 0 else AMBER if n == 1 else RED
    if column == "traps_handled":
        return None
    return None


def styled_html(table: pd.DataFrame, *, caption: str = "") -> str:
    """The table as HTML with red/amber/green cells (pandas Styler; values escaped)."""

    def css(column: str) -> Any:
        def cell(value: Any) -> str:
            found = colour(column, value)
            return f"background-color: {found[0]}; color: {found[1]}" if found else ""

        return cell

    shown = table.astype(object).where(table.notna(), "")
    styler = shown.style.hide(axis="index").format(escape="html", na_rep="")
    for column in shown.columns:
        styler = styler.map(css(str(column)), subset=[column])
    head = "text-align: left; padding: 2px 6px; border-bottom: 2px solid #555"
    body = "padding: 2px 6px; border-bottom: 1px solid #ddd"
    styler = styler.set_table_attributes('class="casekit-results"').set_table_styles(
        [{"selector": "th", "props": head}, {"selector": "td", "props": body}]
    )
    if caption:
        styler = styler.set_caption(caption)
    return styler.to_html()


def save_table(table: pd.DataFrame, path: str | Path, *, criteria: list[str] | None = None) -> Path:
    """Write ``table`` as CSV or (``.xlsx``) a spreadsheet, every cell formula-safe."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        _xlsx(table, path)
    else:
        path.write_text(frame_csv(table), encoding="utf-8")
    return path


def _xlsx(table: pd.DataFrame, path: Path) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    safe = safe_frame(table)
    with _excel_writer(path) as writer:
        safe.to_excel(writer, index=False, sheet_name="learners")
        sheet = writer.sheets["learners"]
        sheet.freeze_panes = "C2"
        sheet.auto_filter.ref = sheet.dimensions
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col, name in enumerate(table.columns, start=1):
            width = max([len(str(name)), *(len(str(v)) for v in safe[safe.columns[col - 1]])])
            sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)
            for row, value in enumerate(table[name].tolist(), start=2):
                found = colour(str(name), value)
                if found:
                    cell = sheet.cell(row=row, column=col)
                    cell.fill = PatternFill("solid", fgColor=found[0][1:])
                    cell.font = Font(color=found[1][1:])


def _excel_writer(path: Path) -> Any:
    import pandas as pd

    return pd.ExcelWriter(path, engine="openpyxl")
