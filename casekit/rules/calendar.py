"""UK working-day calendars: which days count towards a casework or statutory deadline.

Working days are Monday to Friday less the bank holidays of one UK subdivision (England,
Wales, Scotland or Northern Ireland), taken from the ``holidays`` package with an explicit
subdivision: ``holidays.UK()`` without one silently drops Easter Monday and the August
bank holiday. The FOI calendar is the union of all four nations' holidays, because
FOIA 2000 s10(6) excludes bank holidays "in any part of the United Kingdom".

Each calendar precomputes the sorted list of its working days once, so that deadline
arithmetic for thousands of cases is a binary search, not a day-by-day loop.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from casekit.errors import CasekitError

if TYPE_CHECKING:
    from casekit.rules.profile import Profile

UK_SUBDIVISIONS = ("ENG", "NIR", "SCT", "WLS")
UK = "UK"  # the code of the union-of-the-UK (FOI) calendar
NATIONS = {"ENG": "England", "NIR": "Northern Ireland", "SCT": "Scotland", "WLS": "Wales"}
DEFAULT_YEARS = range(2020, 2036)
_RANGE_ADVICE = "Use a date inside the calendar's years, or build a calendar with more years."


class WorkingCalendar:
    """Working days for one UK subdivision, or for the whole UK (``union_of_uk=True``).

    Parameters
    ----------
    subdivision:
        ``"ENG"``, ``"NIR"``, ``"SCT"`` or ``"WLS"``. Ignored when ``union_of_uk`` is set.
    union_of_uk:
        Count a day as a holiday when it is a bank holiday anywhere in the UK (the FOI rule).
    years:
        The years the calendar covers; a date outside them is refused rather than guessed.
    """

    def __init__(
        self,
        subdivision: str | None = "ENG",
        *,
        union_of_uk: bool = False,
        years: Iterable[int] = DEFAULT_YEARS,
    ) -> None:
        self.years = sorted(set(years))
        if not self.years:
            raise CasekitError("A working-day calendar needs at least one year.", field="years")
        if union_of_uk:
            subdivisions: tuple[str, ...] = UK_SUBDIVISIONS
            self.code = UK
        elif subdivision in UK_SUBDIVISIONS:
            subdivisions = (subdivision,)
            self.code = subdivision
        else:
            raise CasekitError(
                f"Unknown UK subdivision {subdivision!r} for a working-day calendar.",
                rule="calendar-subdivision",
                source="holidays package, country GB",
                advice=f"Use one of {', '.join(UK_SUBDIVISIONS)}, or the whole-UK (FOI) calendar.",
                field="calendar.subdivision",
            )
        self.subdivisions = subdivisions
        by_date: dict[date, dict[str, list[str]]] = {}
        for subdiv in subdivisions:
            for day, names in bank_holidays(subdiv, self.years).items():
                for name in names.split("; "):
                    by_date.setdefault(day, {}).setdefault(name, []).append(subdiv)
        self._names = {day: self._label(names) for day, names in by_date.items()}
        self._where = by_date
        self.first = date(self.years[0], 1, 1)
        self.last = date(self.years[-1], 12, 31)
        self._working: list[int] = [
            ordinal
            for ordinal in range(self.first.toordinal(), self.last.toordinal() + 1)
            if ordinal % 7 not in (6, 0) and date.fromordinal(ordinal) not in self._names
        ]  # date.fromordinal(1) is a Monday, so ordinal % 7 is 6 on Saturday, 0 on Sunday
        self._working_set = frozenset(self._working)

    def _label(self, names: dict[str, list[str]]) -> str:
        """One name per holiday; in the UK calendar, say which nations keep a local one."""
        parts = []
        for name, where in names.items():
            local = len(self.subdivisions) > 1 and len(where) < len(self.subdivisions)
            parts.append(f"{name} ({', '.join(where)})" if local else name)
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.code!r}, years={self.years[0]}-{self.years[-1]})"

    # ------------------------------------------------------------------ checks

    def _ordinal(self, day: date, field: str = "date") -> int:
        if not self.first <= _as_date(day) <= self.last:
            raise CasekitError(
                f"{_as_date(day).isoformat()} is outside the working-day calendar "
                f"({self.first.isoformat()} to {self.last.isoformat()}).",
                rule="calendar-range",
                source="holidays package, country GB",
                advice=_RANGE_ADVICE,
                field=field,
            )
        return day.toordinal()

    def is_working_day(self, day: date) -> bool:
        """True on a weekday that is not a bank holiday in this calendar."""
        return self._ordinal(day) in self._working_set

    def holiday_name(self, day: date) -> str | None:
        """The bank holiday's name (even on a weekend), or None on an ordinary day."""
        return self._names.get(_as_date(day))

    def holiday_nations(self, day: date) -> list[tuple[str, tuple[str, ...]]]:
        """Each bank holiday on ``day`` with the nations that keep it, for explaining a date:
        ``[("St. Patrick's Day", ("NIR",))]``; empty on an ordinary day."""
        names = self._where.get(_as_date(day), {})
        return [(name, tuple(where)) for name, where in names.items()]

    # ------------------------------------------------------------------ arithmetic

    def _index(self, ordinal: int) -> int:
        """How many working days of the calendar fall on or before ``ordinal``."""
        return bisect.bisect_right(self._working, ordinal)

    def _at(self, index: int, day: date, n: int) -> date:
        if not 0 <= index < len(self._working):
            raise CasekitError(
                f"Counting {n} working days from {_as_date(day).isoformat()} runs past the "
                f"working-day calendar ({self.first.isoformat()} to {self.last.isoformat()}).",
                rule="calendar-range",
                source="holidays package, country GB",
                advice=_RANGE_ADVICE,
                field="date",
            )
        return date.fromordinal(self._working[index])

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``th working day after ``day``: day 1 is the first working day after it.

        ``n = 0`` gives ``day`` itself. A negative ``n`` counts back: day -1 is the last
        working day before ``day``.
        """
        ordinal = self._ordinal(day)
        if n == 0:
            return _as_date(day)
        if n > 0:
            return self._at(self._index(ordinal) + n - 1, day, n)
        return self._at(bisect.bisect_left(self._working, ordinal) + n, day, n)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end < start).

        It inverts :meth:`add_working_days`: ``working_days_between(d, add_working_days(d, n))
        == n`` for every ``n >= 0``.
        """
        return self._index(self._ordinal(end, "end")) - self._index(self._ordinal(start, "start"))

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def roll_forward(self, day: date) -> date:
        """``day`` itself when it is a working day, else the next working day (UK GDPR art. 12)."""
        return _as_date(day) if self.is_working_day(day) else self.next_working_day(day)


def bank_holidays(subdivision: str, years: list[int]) -> dict[date, str]:
    """One subdivision's bank holidays in ``years``: date -> name(s), ``"; "``-joined.

    For the years of the table generated from the ``holidays`` package
    (:mod:`casekit.rules.bank_holidays`, made by ``python -m casekit.rules.calendar``) the
    table answers, so opening a workspace does not import ``holidays`` and its 300
    country modules; other years ask the package itself.
    """
    from casekit.rules import bank_holidays as table

    if min(years) >= table.FIRST_YEAR and max(years) <= table.LAST_YEAR:
        wanted = {str(year) for year in years}
        return {
            date.fromisoformat(day): name
            for day, name in table.HOLIDAYS[subdivision].items()
            if day[:4] in wanted
        }
    import holidays  # only for years outside the table

    return dict(holidays.country_holidays("GB", subdiv=subdivision, years=years))


def holiday_table_source(years: range = DEFAULT_YEARS) -> str:
    """The Python source of :mod:`casekit.rules.bank_holidays`, from the ``holidays``
    package (a test holds the shipped table to it, so a new package version shows)."""
    import holidays

    lines = [
        '"""UK bank holidays by subdivision, generated from the ``holidays`` package.',
        "",
        "Made by ``python -m casekit.rules.calendar``; do not edit. A test checks it against",
        "the installed package, so upgrading ``holidays`` shows any change here.",
        '"""',
        "",
        f"SOURCE = {_quoted(f'holidays {holidays.__version__}, country GB')}",
        f"FIRST_YEAR = {years[0]}",
        f"LAST_YEAR = {years[-1]}",
        "HOLIDAYS: dict[str, dict[str, str]] = {",
    ]
    for subdiv in UK_SUBDIVISIONS:
        table = holidays.country_holidays("GB", subdiv=subdiv, years=list(years))
        lines.append(f"    {_quoted(subdiv)}: {{")
        lines += [
            f"        {_quoted(day.isoformat())}: {_quoted(name)},"
            for day, name in sorted(table.items())
        ]
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A Python string literal in double quotes, as the formatter writes it."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _as_date(day: date) -> date:
    """A ``datetime`` counts by its date: the time of day does not move a deadline here."""
    return date(day.year, day.month, day.day) if type(day) is not date else day


@functools.lru_cache(maxsize=16)
def calendar_named(code: str) -> WorkingCalendar:
    """The shared calendar for a code: ``"ENG"``, ``"NIR"``, ``"SCT"``, ``"WLS"`` or ``"UK"``."""
    if code == UK:
        return WorkingCalendar(None, union_of_uk=True)
    return WorkingCalendar(code)


def calendar_for(profile: Profile, which: str = "subdivision") -> WorkingCalendar:
    """The profile's calendar: its own subdivision, or the whole UK (``which="UK"``, FOI)."""
    if which == UK:
        return calendar_named(UK)
    if which == "subdivision":
        return calendar_named(profile.calendar.subdivision)
    raise CasekitError(
        f"Unknown calendar {which!r}: use 'subdivision' or 'UK'.",
        rule="calendar-subdivision",
        field="calendar",
    )


def add_months(day: date, months: int) -> date:
    """The matching date ``months`` later, or the last day of that month when there is none.

    This is how UK GDPR art. 12(3) "one month" is counted (ICO guidance on time limits).
    """
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    first_of_next = date(year + (month == 12), month % 12 + 1, 1)
    last = (first_of_next - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


if __name__ == "__main__":  # pragma: no cover - regenerates the shipped table
    from pathlib import Path

    target = Path(__file__).with_name("bank_holidays.py")
    target.write_text(holiday_table_source(), encoding="utf-8")
    print(f"wrote {target}")
