"""Dates and times as people type them, and as casekit shows them.

A learner types ``07/01/2026``, ``7 Jan 2026`` or ``2026-01-07``, perhaps with ``09:30``;
a file from elsewhere may carry ``2026-01-07T09:30+01:00``. This module is the one place
that turns such text into a date or a naive UK-local datetime (the log's clock is UK local
time), refuses impossible dates (``30/02/2026``) naming the field, and writes dates the way
casekit shows them (``Wed 7 Jan 2026``), in English whatever the machine's locale.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, time, tzinfo
from functools import cache
from typing import Any

from casekit.errors import CasekitError

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UK_ZONE = "Europe/London"
EXAMPLES = "2026-01-07, 07/01/2026 or 7 Jan 2026"
MAX_INPUT = 100  # nobody types a date longer than this; longer text is refused unread
DEFAULT_TIME = time(9, 0)  # a date alone means the start of the working day

_MONTH_WORDS = {m.lower(): n for n, m in enumerate(MONTHS, 1)} | {
    m[:3].lower(): n for n, m in enumerate(MONTHS, 1)
}
_MONTH_WORDS["sept"] = 9
_DAY_WORDS = {d.lower(): n for n, d in enumerate(WEEKDAYS)} | {
    d[:3].lower(): n for n, d in enumerate(WEEKDAYS)
}
_DAY_WORDS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}

# Every pattern is anchored and free of nested repetition, so matching is linear.
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})")
_WORDS = re.compile(
    r"(?:([A-Za-z]+)\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2})(?:\.\d{1,6})?)?\s*([ap]\.?m\.?)?", re.IGNORECASE
)
_ISO_MOMENT = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2})[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"(.*?\d{4})(?:,?\s+(?:at\s+)?|T)(\S.*)", re.IGNORECASE)


@cache
def uk_zone() -> tzinfo:
    """Europe/London, from the system's zoneinfo or the pinned ``tzdata`` package."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(UK_ZONE)
    except ZoneInfoNotFoundError:  # pragma: no cover - tzdata is a dependency
        raise CasekitError(
            "This computer has no time zone data for the UK, so a time with a UTC offset "
            "cannot be converted.",
            rule="time-zone-data",
            advice="Install casekit's dependencies again (they include tzdata).",
        ) from None


def _refuse(name: str, value: Any, why: str = "") -> CasekitError:
    shown = str(value) if len(str(value)) <= 40 else str(value)[:37] + "..."
    return CasekitError(
        f"{name} '{shown}' is not a date" + (f": {why}." if why else "."),
        rule="date-format",
        advice=f"Give the date as {EXAMPLES} (day before month).",
        field=name,
    )


def why_not_a_day(year: int, month: int, day: int) -> str | None:
    """Why these numbers are no date (``"February 2026 has 28 days, so there is no day
    30"``), or None when they are one."""
    if not 1 <= year <= 9999:
        return f"the year {year} is out of range"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    last = monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{MONTHS[month - 1]} {year} has {last} days, so there is no day {day}"
    return None


def _make_day(year: int, month: int, day: int, name: str, value: Any) -> date:
    why = why_not_a_day(year, month, day)
    if why:
        raise _refuse(name, value, why)
    return date(year, month, day)


def _day_from_text(text: str, name: str, value: Any) -> date:
    match = _ISO_DAY.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _make_day(year, month, day, name, value)
    match = _NUMERIC.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            raise _refuse(name, value, "give the year in full (2026, not 26)")
        return _make_day(year, month, day, name, value)
    match = _WORDS.fullmatch(text)
    if match:
        weekday, day, month_word, year = match.groups()
        month = _MONTH_WORDS.get(month_word.lower())
        if month is None:
            raise _refuse(name, value, f"'{month_word}' is not the name of a month")
        result = _make_day(int(year), month, int(day), name, value)
        if weekday is not None:
            wanted = _DAY_WORDS.get(weekday.lower())
            if wanted is None:
                raise _refuse(name, value, f"'{weekday}' is not a day of the week")
            if wanted != result.weekday():
                raise _refuse(
                    name,
                    value,
                    f"{format_date(result)} is a {WEEKDAYS[result.weekday()]}, "
                    f"not a {WEEKDAYS[wanted]}",
                )
        return result
    if re.fullmatch(r"\d{4}-?W\d{2}-?\d|\d{8}", text):  # other ISO 8601 forms
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise _refuse(name, value)


def parse_date(value: Any, name: str = "date") -> date:
    """A date from what a person typed, or from a ``date``/``datetime``.

    Parameters
    ----------
    value:
        ``2026-01-07``, ``07/01/2026`` (day first, as in the UK), ``7 Jan 2026``,
        ``Wed 7 January 2026``; a ``datetime`` gives its date.
    name:
        The field's name, used in the message and as the error's ``field``.

    Returns
    -------
    The date. Raises :class:`CasekitError` for text that is not a date, an impossible date
    (``30/02/2026``) or a weekday that does not match the date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) > MAX_INPUT:
        raise _refuse(name, value if isinstance(value, str) else type(value).__name__)
    text = value.strip()
    if _ISO_MOMENT.fullmatch(text) or _SPLIT.fullmatch(text):  # a date with a time
        return parse_datetime(value, name).date()
    return _day_from_text(text, name, value)


def parse_time(value: Any, name: str = "time", *, shown: Any = None) -> time:
    """A time of day: ``09:30``, ``9.30``, ``9:30pm``, ``14:05:10``.

    ``shown`` is the whole text the time came from, quoted in a refusal.
    """
    if isinstance(value, time):
        return value
    shown = value if shown is None else shown
    text = value.strip() if isinstance(value, str) and len(value) <= MAX_INPUT else None
    match = _TIME.fullmatch(text) if text else None
    if match is None or (match.group(2) is None and match.group(4) is None):
        raise CasekitError(
            f"{name} '{shown}' has no time of day we can read: write it as 09:30.",
            rule="date-format",
            field=name,
        )
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    second = int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower().replace(".", "")
    if meridiem:  # 12am is midnight, 12pm noon; "13pm" is no time at all
        hour = hour % 12 + (12 if meridiem == "pm" else 0) if 1 <= hour <= 12 else 99
    if hour > 23 or minute > 59 or second > 59:
        raise CasekitError(
            f"{name} '{shown}' is not a time of day: hours run 00-23 and minutes 00-59.",
            rule="date-format",
            field=name,
        )
    return time(hour, minute, second)


def to_uk_local(moment: datetime) -> datetime:
    """A datetime as naive UK local time: an aware one is converted, a naive one is kept
    (casekit's clock is UK local time)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(uk_zone()).replace(tzinfo=None)


def parse_datetime(
    value: Any, name: str = "date and time", *, default: time = DEFAULT_TIME
) -> datetime:
    """A naive UK-local datetime from what a person typed.

    Parameters
    ----------
    value:
        A date in any form :func:`parse_date` takes, optionally followed by a time
        (``07/01/2026 09:30``, ``7 Jan 2026, 2pm``, ``2026-01-07T09:30``); an ISO time with
        a UTC offset (``2026-01-07T09:30+05:00``, ``...Z``) is converted to UK time.
        A ``datetime`` is converted the same way; a ``date`` gets ``default``.
    name:
        The field's name, for messages and the error's ``field``.
    default:
        The time given to a date with no time (09:00: the working day's start).
    """
    if isinstance(value, datetime):
        return to_uk_local(value)
    if isinstance(value, date):
        return datetime.combine(value, default)
    if not isinstance(value, str) or len(value) > MAX_INPUT:
        raise _refuse(name, value if isinstance(value, str) else type(value).__name__)
    text = value.strip()
    match = _ISO_MOMENT.fullmatch(text)
    if match:
        day = _day_from_text(match.group(1), name, value)
        clock = parse_time(match.group(2), name, shown=value)
        moment = datetime.combine(day, clock)
        offset = match.group(3)
        if offset:
            moment = to_uk_local(datetime.fromisoformat(f"{moment.isoformat()}{_offset(offset)}"))
        return moment
    split = _SPLIT.fullmatch(text)
    if split:
        return datetime.combine(
            _day_from_text(split.group(1), name, value),
            parse_time(split.group(2), name, shown=value),
        )
    return datetime.combine(_day_from_text(text, name, value), default)


def _offset(text: str) -> str:
    if text.upper() == "Z":
        return "+00:00"
    digits = text[1:].replace(":", "")
    return f"{text[0]}{digits[:2]}:{digits[2:] or '00'}"


def stored_day(at: str | date) -> date:
    """The date of a timestamp casekit wrote itself (ISO ``2026-01-07T09:30``)."""
    if isinstance(at, datetime):
        return at.date()
    if isinstance(at, date):
        return at
    return date.fromisoformat(at[:10])


def stored_moment(at: str | datetime) -> datetime:
    """A timestamp casekit wrote itself (naive UK local ISO ``2026-01-07T09:30``)."""
    return at if isinstance(at, datetime) else datetime.fromisoformat(at)


def format_date(value: date, *, long: bool = False) -> str:
    """``Wed 7 Jan 2026``; with ``long``, as a letter writes it: ``Wednesday 7 January 2026``."""
    weekday, month = WEEKDAYS[value.weekday()], MONTHS[value.month - 1]
    if long:
        return f"{weekday} {value.day} {month} {value.year}"
    return f"{weekday[:3]} {value.day} {month[:3]} {value.year}"


def format_datetime(value: datetime) -> str:
    """``Wed 7 Jan 2026, 09:30``."""
    return f"{format_date(value)}, {value:%H:%M}"


def uk_now() -> datetime:
    """The time now in the UK (Europe/London), without a zone: the machine may run in UTC."""
    return datetime.now(uk_zone()).replace(tzinfo=None)


def uk_today() -> date:
    """Today's date in the UK."""
    return uk_now().date()


def uk_date(value: date | datetime | str, name: str = "date") -> date:
    """The UK local date of a date, a date and time, or a text (an ISO time with ``Z`` or an
    offset is converted first: 23:30 UTC on 30 June is 1 July in the UK)."""
    if isinstance(value, datetime):
        return to_uk_local(value).date()
    if isinstance(value, date):
        return value
    return parse_datetime(value, name).date()


def uk_datetime(value: date | datetime | str, *, default_hour: int = 9) -> datetime:
    """A UK local date and time; a bare date is taken at ``default_hour`` (the office day)."""
    return parse_datetime(value, "date and time", default=time(default_hour, 0))


def parse_when(value: Any, name: str = "date") -> datetime | date:
    """A date, or a date and time, as a person typed it: a :class:`date` when no time was
    given, else a UK local :class:`datetime` (what-if questions need to know which)."""
    if isinstance(value, datetime):
        return to_uk_local(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (
        _ISO_MOMENT.fullmatch(value.strip()) or _SPLIT.fullmatch(value.strip())
    ):
        return parse_datetime(value, name)
    return parse_date(value, name)
