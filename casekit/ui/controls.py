"""Labelled controls and readable output for the forms: one place for how things look.

Every control made here has a plain-English label a screen reader announces
(``description`` with ``description_allow_html=False``), a label that is never cut short
(``description_width: initial``) and a width that follows the space it has, up to a size
sized for reading. Dates read as people write them ("Wed 7 Jan 2026") and are typed the
UK way (``07/01/2026``); numbers are checked, never silently corrected; tables and
messages are escaped, because learners type names and letters into these forms.
Typed dates are read by :mod:`casekit.ui.dates`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import ipywidgets as widgets

STYLE = {"description_width": "initial"}
FIELD_WIDTH = "34em"  # the widest a one-line field grows
WIDE_WIDTH = "48em"


# -- words and dates as people read them ------------------------------------------------
def fmt_date(value: date | datetime | str | None) -> str:
    """``2026-01-07`` -> ``Wed 7 Jan 2026`` (empty for nothing)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return value
    return f"{value:%a} {value.day} {value:%b %Y}"


def fmt_datetime(value: datetime | str | None) -> str:
    """``2026-01-07T09:30`` -> ``Wed 7 Jan 2026, 09:30``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return value
    if not isinstance(value, datetime):
        return fmt_date(value)
    return f"{fmt_date(value)}, {value:%H:%M}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """Counted words read properly: ``1 case``, ``2 cases``, ``2 enquiries``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def choices(labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """Dropdown options from the domain's ``{key: label}`` vocabularies."""
    return [(label, key) for key, label in labels.items()]


def table_html(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    caption: str = "",
    empty: str = "Nothing to show yet.",
    css: str = "casekit-table",
) -> str:
    """A readable HTML table; every cell escaped. ``columns`` are ``(key, heading)``."""
    if not rows:
        return f'<p class="casekit-empty"><em>{html.escape(empty)}</em></p>'
    head = "".join(
        f'<th scope="col" style="text-align:left;padding:4px 8px;border-bottom:2px solid #555">'
        f"{html.escape(h)}</th>"
        for _, h in columns
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td style="padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top">'
            f"{html.escape(_cell(row.get(k)))}</td>"
            for k, _ in columns
        )
        body.append(f"<tr>{cells}</tr>")
    cap = (
        f'<caption style="text-align:left;font-weight:bold;padding:4px 0">'
        f"{html.escape(caption)}</caption>"
        if caption
        else ""
    )
    return (
        f'<table class="{css}" style="border-collapse:collapse;font-size:14px;margin:4px 0;'
        f'line-height:1.4">'
        f"{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return fmt_datetime(value)
    if isinstance(value, date):
        return fmt_date(value)
    return str(value)


# -- labelled controls ------------------------------------------------------------------
def _layout(width: str) -> widgets.Layout:
    """As wide as the space it is in, up to ``width``: fields follow the layout of the
    form (one column on a laptop, two on a wide screen) instead of a fixed size."""
    return widgets.Layout(width="100%", max_width=width)


def _fits(label: str, longest: int, at_least: str) -> str:
    """A width that fits the label and the longest value shown (in characters), so
    neither is cut off: ``max(at_least, label + value + room for the control)``."""
    return f"max({at_least}, calc({len(label) + longest}ch + 5em))"


def text(
    label: str, value: str = "", *, placeholder: str = "", help: str = "", width: str = FIELD_WIDTH
) -> widgets.Text:
    return widgets.Text(
        value=value,
        description=label,
        placeholder=placeholder,
        tooltip=help,
        description_allow_html=False,
        style=STYLE,
        layout=_layout(width),
    )


def textarea(
    label: str,
    value: str = "",
    *,
    placeholder: str = "",
    help: str = "",
    rows: int = 4,
    width: str = WIDE_WIDTH,
) -> widgets.Textarea:
    return widgets.Textarea(
        value=value,
        description=label,
        placeholder=placeholder,
        tooltip=help,
        rows=rows,
        description_allow_html=False,
        style=STYLE,
        layout=_layout(width),
    )


def dropdown(
    label: str,
    options: Sequence[Any],
    value: Any = None,
    *,
    help: str = "",
    width: str = FIELD_WIDTH,
) -> widgets.Dropdown:
    options = list(options)
    longest = max((len(str(o[0] if isinstance(o, tuple) else o)) for o in options), default=0)
    control = widgets.Dropdown(
        options=options,
        description=label,
        tooltip=help,
        description_allow_html=False,
        style=STYLE,
        layout=_layout(_fits(label, longest, width)),
    )
    control.casekit_width = width  # type: ignore[attr-defined]  # set_options refits to it
    if value is not None:
        set_choice(control, value)
    return control


def combobox(
    label: str,
    options: Sequence[str] = (),
    *,
    placeholder: str = "",
    help: str = "",
    width: str = FIELD_WIDTH,
) -> widgets.Combobox:
    """Free text with suggestions (a record's name, a recipient already consented to)."""
    return widgets.Combobox(
        options=list(options),
        description=label,
        placeholder=placeholder,
        tooltip=help,
        ensure_option=False,
        description_allow_html=False,
        style=STYLE,
        layout=_layout(width),
    )


def checkbox(label: str, value: bool = False, *, help: str = "") -> widgets.Checkbox:
    return widgets.Checkbox(
        value=value,
        description=label,
        tooltip=help,
        indent=False,
        description_allow_html=False,
        style=STYLE,
        layout=_layout("auto"),
    )


def number(
    label: str,
    value: int = 0,
    *,
    low: int = 0,
    high: int = 100,
    help: str = "",
    width: str = "16em",
) -> widgets.IntText:
    """A whole number. Deliberately not bounded in the browser: a bounded box would turn
    0 or -3 into its minimum without a word. :func:`whole_number` checks it against
    ``low`` and ``high`` when the learner acts, and says what is allowed."""
    control = widgets.IntText(
        value=value,
        description=label,
        tooltip=help or f"A whole number from {low} to {high}",
        description_allow_html=False,
        style=STYLE,
        layout=_layout(_fits(label, len(str(high)) + 2, width)),
    )
    control.allowed = (low, high)  # type: ignore[attr-defined]
    return control


def whole_number(control: widgets.IntText) -> int:
    """The number in ``control``, or a refusal naming it when outside what it allows."""
    from casekit.errors import CasekitError

    low, high = getattr(control, "allowed", (None, None))
    value = control.value
    if isinstance(value, bool) or not isinstance(value, int):
        raise CasekitError(
            f"{control.description} must be a whole number.", field=control.description
        )
    if (low is not None and value < low) or (high is not None and value > high):
        raise CasekitError(
            f"{control.description} must be from {low} to {high}: {value} is not allowed.",
            field=control.description,
            advice=f"Type a whole number from {low} to {high}.",
        )
    return value


def date_picker(label: str, value: date | None = None, *, help: str = "") -> widgets.DatePicker:
    return widgets.DatePicker(
        value=value,
        description=label,
        tooltip=help,
        description_allow_html=False,
        style=STYLE,
        layout=_layout(_fits(label, 12, "22em")),
    )


def button(label: str, *, kind: str = "primary", help: str = "", css: str = "") -> widgets.Button:
    """A button whose text says what it does ("Log this enquiry"), so it needs no icon."""
    control = widgets.Button(
        description=label,
        button_style=kind,
        tooltip=help or label,
        layout=widgets.Layout(width="auto", min_width="12em", align_self="flex-start"),
    )
    control.add_class("casekit-button")
    if css:
        control.add_class(css)
    return control


def set_choice(control: widgets.Dropdown, value: Any) -> None:
    """Select ``value`` if it is one of the options (a label or a key); else leave it."""
    for option in control.options:
        key = option[1] if isinstance(option, tuple) else option
        if key == value:
            control.value = key
            return


def set_options(control: widgets.Dropdown, options: Sequence[Any], prefer: Any = None) -> bool:
    """Replace a dropdown's options, keeping the current choice when it is still offered
    (else ``prefer``, else the first). Returns whether the chosen value changed.

    Replacing options makes ipywidgets pass through other values on the way, so observers
    should ignore changes while a form is refilling (see :attr:`Step.filling`)."""
    current = control.value
    options = list(options)
    keys = [o[1] if isinstance(o, tuple) else o for o in options]
    old_labels = [o[0] if isinstance(o, tuple) else o for o in control.options]
    new_labels = [o[0] if isinstance(o, tuple) else o for o in options]
    if keys == [o[1] if isinstance(o, tuple) else o for o in control.options] and (
        old_labels == new_labels
    ):
        return False
    control.options = options
    floor = getattr(control, "casekit_width", None)
    if floor:  # grow to fit the longest choice, as dropdown() sized it
        longest = max((len(str(label)) for label in new_labels), default=0)
        control.layout.max_width = _fits(str(control.description), longest, floor)
    if current in keys:
        target = current
    elif prefer in keys:
        target = prefer
    else:
        target = keys[0] if keys else None
    if target is not None:
        control.value = target
    return control.value != current


def heading(text_: str, level: int = 3) -> widgets.HTML:
    size = {2: "20px", 3: "15px"}.get(level, "14px")
    return widgets.HTML(
        f"<h{level} style='margin:12px 0 4px;font-size:{size}'>{html.escape(text_)}</h{level}>"
    )


def paragraph(text_: str, *, css: str = "casekit-help") -> widgets.HTML:
    return widgets.HTML(
        f'<p class="{css}" style="margin:2px 0 6px;max-width:48em;line-height:1.5">'
        f"{html.escape(text_)}</p>"
    )


def section(title: str, help_: str, *children: widgets.Widget, css: str = "") -> widgets.VBox:
    """A titled part of a form, like a box on a paper workbook page."""
    box = widgets.VBox(
        [heading(title, 3), paragraph(help_), *children],
        layout=widgets.Layout(border="1px solid #ccc", padding="4px 12px 10px", margin="6px 0"),
    )
    box.add_class("casekit-section")
    if css:
        box.add_class(css)
    return box


def columns(*parts: widgets.Widget, min_width: str = "26em") -> widgets.GridBox:
    """Parts of a form side by side while each has ``min_width``, one under the other on
    a narrow screen: the form uses the width it has."""
    grid = widgets.GridBox(
        list(parts),
        layout=widgets.Layout(
            width="100%",
            grid_template_columns=f"repeat(auto-fit, minmax(min({min_width}, 100%), 1fr))",
            grid_gap="0 12px",
            align_items="flex-start",
        ),
    )
    grid.add_class("casekit-columns")
    return grid
