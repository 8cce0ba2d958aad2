"""Dates typed the UK way: ``07/01/2026``, ``7 Jan 2026``, with an optional time of day.

A learner in the UK writes the day before the month. Every date field in the forms is a
text box read here, so the browser's own date picker (which follows the browser's locale,
and shows ``01/07/2026`` on a US-English browser) never decides what a date means. What
cannot be read is refused naming the field, never guessed or corrected. The reading is
casekit's one date reader (``casekit.inputs.dates``, through the facade); this module only
words its refusals for the form.
"""

from __future__ import annotations

import html
from datetime import date, datetime, time
from typing import Any

import ipywidgets as widgets

from casekit.errors import CasekitError
from casekit.ui.controls import FIELD_WIDTH, STYLE, fmt_date, fmt_datetime

DATE_EXAMPLE = "07/01/2026"
MAX_TYPED = 40


def _refuse_date(label: str, value: str, why: str = "") -> CasekitError:
    shown = value if len(value) <= 30 else value[:27] + "..."
    return CasekitError(
        f"{label}: '{shown}' is not a date" + (f" ({why})." if why else "."),
        rule="date-format",
        field=label,
        advice=f"Type the date as day/month/year, for example {DATE_EXAMPLE}.",
    )


def _read(value: str, label: str) -> date | datetime:
    """What was typed, read by casekit's one date reader (day before month, the year in
    full, a weekday that must match); refused in the form's words, naming ``label``."""
    from casekit import api

    typed = " ".join(str(value).split())
    if not typed:
        raise CasekitError(
            f"{label} is empty.", field=label, advice=f"Type the date, for example {DATE_EXAMPLE}."
        )
    if len(typed) > MAX_TYPED:
        raise _refuse_date(label, typed)
    try:
        return api.parse_uk_date(typed, label)  # its refusal names the field and why
    except CasekitError as err:
        if err.message.endswith("write it as 09:30."):  # said the form's way
            raise _refuse_time(label, typed) from None
        raise


def parse_uk_date(value: str, label: str = "Date") -> date:
    """A date as a person in the UK types it: ``07/01/2026``, ``7/1/2026``, ``7 Jan 2026``,
    ``Wed 7 January 2026`` or ``2026-01-07``. Day before month; the year in full. Anything
    else is refused naming ``label`` (never guessed)."""
    found = _read(value, label)
    if isinstance(found, datetime):
        raise _refuse_date(label, str(value), "give the day only, with no time")
    return found


def parse_uk_datetime(value: str, label: str = "Date and time") -> datetime:
    """A date with an optional time of day (``07/01/2026 14:30``, ``7 Jan 2026 at 2.30pm``);
    a date alone means 09:00, the start of the working day."""
    found = _read(value, label)
    if isinstance(found, datetime):
        return found
    return datetime.combine(found, time(9, 0))


def _refuse_time(label: str, value: str) -> CasekitError:
    return CasekitError(
        f"{label}: '{value[:20]}' is not a time of day.",
        rule="date-format",
        field=label,
        advice="Type the time on the 24-hour clock after the date, for example "
        f"{DATE_EXAMPLE} 14:30.",
    )


def uk_date(value: date | datetime | None, *, with_time: bool = False) -> str:
    """How a date is typed back into a field: ``07/01/2026`` (``07/01/2026 14:30``)."""
    if value is None:
        return ""
    shown = f"{value:%d/%m/%Y}"
    if with_time and isinstance(value, datetime):
        shown += f" {value:%H:%M}"
    return shown


class DateField(widgets.HBox):
    """A date typed the UK way (``DD/MM/YYYY``, with ``HH:MM`` when ``with_time``), read
    back beside the box in words as the learner types ("Wed 7 Jan 2026"), or what is wrong
    with it. :meth:`read` gives the date, or refuses naming the field."""

    def __init__(
        self,
        label: str,
        value: date | datetime | None = None,
        *,
        help: str = "",
        with_time: bool = False,
        width: str = "26em",
    ) -> None:
        self.label = label
        self.with_time = with_time
        hint = "DD/MM/YYYY HH:MM" if with_time else "DD/MM/YYYY"
        self.text = widgets.Text(
            value=uk_date(value, with_time=with_time),
            description=label,
            placeholder=hint,
            tooltip=help or f"Type the date as {hint}",
            description_allow_html=False,
            style=STYLE,
            layout=widgets.Layout(width="100%", max_width=width, min_width="16em"),
        )
        self.text.add_class("casekit-date")
        self.echo = widgets.HTML(layout=widgets.Layout(margin="0 0 0 8px"))
        self.echo.add_class("casekit-date-echo")
        self.text.observe(self._show, names="value")
        super().__init__(
            [self.text, self.echo],
            layout=widgets.Layout(
                width="100%", max_width=FIELD_WIDTH, align_items="center", flex_flow="row wrap"
            ),
        )
        self._show()

    @property
    def value(self) -> Any:
        """The date typed (a ``datetime`` when ``with_time``), or None when empty or not
        a date."""
        try:
            return self.read(required=False)
        except CasekitError:
            return None

    @value.setter
    def value(self, new: date | datetime | str | None) -> None:
        """Show a date (as ``DD/MM/YYYY``); text is put in the box as it is."""
        self.text.value = new if isinstance(new, str) else uk_date(new, with_time=self.with_time)

    def read(self, *, required: bool = True) -> Any:
        """The date typed; None when empty and not ``required``; refused otherwise."""
        typed = self.text.value.strip()
        if not typed and not required:
            return None
        if self.with_time:
            return parse_uk_datetime(typed, self.label)
        return parse_uk_date(typed, self.label)

    def _show(self, _change: Any = None) -> None:
        typed = self.text.value.strip()
        if not typed:
            self.echo.value = ""
            return
        try:
            found = self.read()
        except CasekitError as err:
            why = err.message.split(": ", 1)[-1]
            self.echo.value = (
                f"<span style='color:#8b0000'>Not a date yet: {html.escape(why)}</span>"
            )
            return
        words = fmt_datetime(found) if self.with_time else fmt_date(found)
        self.echo.value = f"<span style='color:#1e5b2b'>{html.escape(words)}</span>"
