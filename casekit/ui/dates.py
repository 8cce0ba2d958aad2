"""Dates typed the UK way: ``07/01/2026``, ``7 Jan 2026``, with an optional time of day.

A learner in the UK writes the day before the month. Every date field in the forms is a
text box read here, so the browser's own date picker (which follows the browser's locale,
and shows ``01/07/2026`` on a US-English browser) never decides what a date means. What
cannot be read is refused naming the field, never guessed or corrected.

(A shared helper for dates, ``casekit.inputs.dates``, is arriving from another change:
these functions can then call it.)
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time
from typing import Any

import ipywidgets as widgets

from casekit.errors import CasekitError
from casekit.ui.controls import FIELD_WIDTH, STYLE, fmt_date, fmt_datetime

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTH_WORDS = {m: n for n, m in enumerate(MONTHS, 1)} | {m[:3]: n for n, m in enumerate(MONTHS, 1)}
MONTH_WORDS["sept"] = 9
DATE_EXAMPLE = "07/01/2026"
MAX_TYPED = 40
_NUMERIC_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS_DAY = re.compile(
    r"(?:([a-z]{3,9})\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_WORDS = {d: n for n, d in enumerate(WEEKDAYS)} | {d[:3]: n for n, d in enumerate(WEEKDAYS)}
WEEKDAY_WORDS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?")


def _refuse_date(label: str, value: str, why: str = "") -> CasekitError:
    shown = value if len(value) <= 30 else value[:27] + "..."
    return CasekitError(
        f"{label}: '{shown}' is not a date" + (f" ({why})." if why else "."),
        rule="date-format",
        field=label,
        advice=f"Type the date as day/month/year, for example {DATE_EXAMPLE}.",
    )


def _day(year: int, month: int, day: int, label: str, value: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _refuse_date(label, value, "there is no such day") from None


def parse_uk_date(value: str, label: str = "Date") -> date:
    """A date as a person in the UK types it: ``07/01/2026``, ``7/1/2026``, ``7 Jan 2026``,
    ``Wed 7 January 2026`` or ``2026-01-07``. Day before month; the year in full. Anything
    else is refused naming ``label`` (never guessed)."""
    text_ = " ".join(str(value).strip().lower().split())
    if not text_:
        raise CasekitError(
            f"{label} is empty.", field=label, advice=f"Type the date, for example {DATE_EXAMPLE}."
        )
    if len(text_) > MAX_TYPED:
        raise _refuse_date(label, str(value))
    match = _NUMERIC_DAY.fullmatch(text_)
    if match:
        day, month, year = match.groups()
        if len(year) != 4:
            raise _refuse_date(label, str(value), "give the year in full, for example 2026")
        return _day(int(year), int(month), int(day), label, str(value))
    match = _ISO_DAY.fullmatch(text_)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _day(year, month, day, label, str(value))
    match = _WORDS_DAY.fullmatch(text_)
    if match:
        weekday, day, word, year = match.groups()
        month = MONTH_WORDS.get(word)
        if month is None:
            raise _refuse_date(label, str(value), f"'{word}' is not a month")
        found = _day(int(year), month, int(day), label, str(value))
        if weekday is not None and WEEKDAY_WORDS.get(weekday) != found.weekday():
            named = WEEKDAYS[found.weekday()].capitalize()
            raise _refuse_date(label, str(value), f"{fmt_date(found)} is a {named}")
        return found
    raise _refuse_date(label, str(value))


def parse_uk_datetime(value: str, label: str = "Date and time") -> datetime:
    """A date with an optional time of day (``07/01/2026 14:30``, ``7 Jan 2026 at 2.30pm``);
    a date alone means 09:00, the start of the working day."""
    text_ = " ".join(str(value).strip().lower().split())
    day_part, when = text_, time(9, 0)
    split = re.fullmatch(r"(.*?\d{4}),?\s+(?:at\s+)?(\S.*)", text_)
    if split:
        day_part, clock = split.groups()
        match = _TIME.fullmatch(clock.replace(" ", ""))
        if match is None:
            raise _refuse_time(label, clock)
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if half:
            if not 1 <= hour <= 12:
                raise _refuse_time(label, clock)
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise _refuse_time(label, clock)
        when = time(hour, minute)
    return datetime.combine(parse_uk_date(day_part, label), when)


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
