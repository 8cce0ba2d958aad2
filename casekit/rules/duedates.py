"""Due-date arithmetic: the nth working day, or the matching date a month on, less the
days a clock was paused.

Kept apart from :mod:`casekit.rules.clocks` (what was done to a clock) so that the
deadline ledger (:mod:`casekit.rules.ledger`) classifies each day with exactly the
arithmetic that set the date, and the two can never disagree.

A pause is the span from the day a question was asked (identity, clarification, a fee)
to the day the answer arrived. The statutes say "the period beginning with the day on
which [it] is given and ending with the day on which [it] is received" (FOIA 2000 s10(2);
DPA 2018 s54(3C); UK GDPR art. 12A), so for statutory clocks both days are left out
(``inclusive``); a council's own service levels count the day asked, as before.
A pause only moves a deadline when it starts on or before the deadline: a clock cannot
be paused after it has run out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from casekit.rules.calendar import WorkingCalendar, add_months

WORKING_DAYS = "working_days"
MONTHS = "months"
CALENDAR_DAYS = "calendar_days"


@dataclass(frozen=True)
class Pause:
    """A clock stopped while waiting for something, and restarted when it arrived."""

    start: date  # the day the question was asked (the clock stopped)
    end: date | None  # the day the answer arrived; None while still waiting
    awaiting: str = "other"  # clarification, identity, fee, consent, other
    reason: str = ""
    restarts: bool = False  # the count started afresh on ``end`` (FOI/EIR clarification)


def paused_span(pause: Pause, inclusive: bool, floor: date) -> tuple[date, date] | None:
    """The days ``(lo, hi]`` that do not count, or None (still open, or empty)."""
    if pause.end is None or pause.restarts:
        return None
    lo = pause.start - timedelta(days=1) if inclusive else pause.start
    lo = max(lo, floor)
    return (lo, pause.end) if pause.end > lo else None


def pause_covering(day: date, pauses: Iterable[Pause], inclusive: bool) -> Pause | None:
    """The pause ``day`` falls in (an open pause covers every day from its start)."""
    for pause in pauses:
        if pause.restarts:
            continue
        first = pause.start if inclusive else pause.start + timedelta(days=1)
        if first <= day and (pause.end is None or day <= pause.end):
            return pause
    return None


def _paused_working_days(
    calendar: WorkingCalendar, pauses: Iterable[Pause], start: date, end: date, inclusive: bool
) -> int:
    total = 0
    for pause in pauses:
        span = paused_span(pause, inclusive, start)
        if span is None:
            continue
        lo, hi = span[0], min(span[1], end)
        if hi > lo:
            total += calendar.working_days_between(lo, hi)
    return total


def working_day_due(
    calendar: WorkingCalendar,
    start: date,
    n: int,
    pauses: tuple[Pause, ...] = (),
    inclusive: bool = False,
) -> date:
    """The ``n``th working day after ``start`` that is not paused.

    Found by raising the count by the paused working days up to the candidate date
    until it stops moving; the sequence only grows and is bounded by the answer.
    """
    due = calendar.add_working_days(start, n)
    if n <= 0 or not pauses:
        return due
    while True:
        extra = _paused_working_days(calendar, pauses, start, due, inclusive)
        moved = calendar.add_working_days(start, n + extra)
        if moved == due:
            return due
        due = moved


def matching_date(
    start: date, months: int, pauses: tuple[Pause, ...] = (), inclusive: bool = False
) -> date:
    """The matching date ``months`` on, moved later by each calendar-day pause that began
    on or before it (before it is moved off a weekend or holiday)."""
    raw = add_months(start, months)
    for pause in sorted(pauses, key=lambda p: p.start):
        span = paused_span(pause, inclusive, start)
        if span is not None and span[0] < raw:
            raw += timedelta(days=(span[1] - span[0]).days)
    return raw


def month_due(
    calendar: WorkingCalendar,
    start: date,
    months: int,
    pauses: tuple[Pause, ...] = (),
    inclusive: bool = False,
    pause_unit: str = CALENDAR_DAYS,
) -> date:
    """A month-based deadline (UK GDPR art. 12(3)): the matching date, off weekends and
    bank holidays; pauses in calendar days (or, if a profile says so, working days)."""
    # A start outside the calendar is refused in its words before months are added to it
    # (a month after 31 Dec 9999 is no date at all).
    calendar.is_working_day(start)
    if pause_unit == CALENDAR_DAYS:
        return calendar.roll_forward(matching_date(start, months, pauses, inclusive))
    base = calendar.roll_forward(add_months(start, months))
    due = base
    while True:
        extra = _paused_working_days(calendar, pauses, start, due, inclusive)
        moved = calendar.add_working_days(base, extra)
        if moved == due:
            return due
        due = moved


def due_date(
    calendar: WorkingCalendar,
    *,
    unit: str,
    length: int,
    start: date,
    pauses: tuple[Pause, ...] = (),
    inclusive: bool = False,
    pause_unit: str = WORKING_DAYS,
) -> date:
    """The deadline of a clock counting ``length`` units from ``start``."""
    if unit == MONTHS:
        return month_due(calendar, start, length, pauses, inclusive, pause_unit)
    return working_day_due(calendar, start, length, pauses, inclusive)
