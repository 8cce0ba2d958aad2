"""Deadlines that explain themselves: a ledger of every day from receipt to the due date.

"Why this date?" is the question a learner, a tutor and an assessor all ask of a
deadline. The ledger answers it day by day: when the request was received (UK local date
and time), which day is day one, and for each day whether it counted and why not
(a weekend; which bank holiday, in which nation; paused while waiting for an answer;
before the count started; after a month's matching date), with the counting rule, the
calendar and the source of each rule. It is built with the same arithmetic that set the
date (:mod:`casekit.rules.duedates`), so the counted days always add up to the length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from casekit.inputs.dates import WEEKDAYS
from casekit.rules.calendar import NATIONS, UK, WorkingCalendar, add_months, calendar_named
from casekit.rules.clocks import Clock, first_period_end
from casekit.rules.clockspec import MONTHS
from casekit.rules.duedates import CALENDAR_DAYS, matching_date, pause_covering


def day_words(day: date) -> str:
    """``Tue 5 May 2026``: how a date is written for people in the UK."""
    return f"{day:%a} {day.day} {day:%b %Y}"


@dataclass(frozen=True)
class LedgerDay:
    """One day between receipt and the deadline, and whether it counted."""

    date: date
    counted: bool
    reason: str
    day: int | None = None  # the count on a counted day

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "weekday": WEEKDAYS[self.date.weekday()],
            "counted": self.counted,
            "day": self.day,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Ledger:
    """Why a deadline falls where it does."""

    clock: str
    label: str
    received: datetime
    day_one: date | None
    due: date
    unit: str
    length: int  # days a complete count holds (working days, or calendar days for months)
    status: str
    rule: str  # the counting rule in words
    calendar: str  # which days are not working days
    days: tuple[LedgerDay, ...]
    notes: tuple[str, ...]  # what was done to the clock, in order
    source: str
    sources: tuple[str, ...]  # every rule cited, the clock's source first
    time_known: bool = True  # False when only a date was given (the what-if calculator)

    @property
    def counted(self) -> int:
        return sum(d.counted for d in self.days)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: at least ``due``, ``day_one`` and ``days`` [{date, counted, reason}]."""
        return {
            "clock": self.clock,
            "label": self.label,
            "received": self.received.isoformat(timespec="minutes")
            if self.time_known
            else self.received.date().isoformat(),
            "received_date": self.received.date().isoformat(),
            "day_one": self.day_one.isoformat() if self.day_one else None,
            "due": self.due.isoformat(),
            "unit": self.unit,
            "length": self.length,
            "counted": self.counted,
            "status": self.status,
            "rule": self.rule,
            "calendar": self.calendar,
            "source": self.source,
            "sources": list(self.sources),
            "notes": list(self.notes),
            "days": [d.as_dict() for d in self.days],
        }

    def lines(self) -> list[str]:
        """The ledger as plain text lines (the ``casekit clock`` printout)."""
        out = [
            f"{self.label}: due {day_words(self.due)}",
            f"Received: {day_words(self.received.date())} "
            + (f"at {self.received:%H:%M} (UK time)" if self.time_known else "(no time given)"),
            f"Day one: {day_words(self.day_one) if self.day_one else 'not yet'}",
            f"Rule: {self.rule}",
            f"Calendar: {self.calendar}",
        ]
        out += [f"Note: {note}" for note in self.notes]
        out.append("")
        for d in self.days:
            mark = f"{d.day:>3}" if d.counted else "  -"
            out.append(f"{mark}  {d.date:%a %d %b %Y}  {d.reason}")
        out.append("")
        out.append(f"Counted {self.counted} of {self.length} {_unit_words(self.unit)}.")
        out += [f"Source: {s}" for s in self.sources]
        return out


def _unit_words(unit: str) -> str:
    return "calendar days" if unit == MONTHS else "working days"


def _nations(codes: tuple[str, ...], calendar: WorkingCalendar) -> str:
    if len(codes) == len(calendar.subdivisions) and len(codes) > 1:
        return "every UK nation"
    return ", ".join(NATIONS.get(c, c) for c in codes)


def _holiday(day: date, calendar: WorkingCalendar) -> str:
    found = calendar.holiday_nations(day)
    return "; ".join(
        f"{name.replace('St. ', 'St ')} ({_nations(where, calendar)})" for name, where in found
    )


def _calendar_words(calendar: WorkingCalendar) -> str:
    if calendar.code == UK:
        return (
            "working days leave out weekends, Christmas Day, Good Friday and the bank "
            "holidays of any part of the United Kingdom (England, Wales, Scotland and "
            "Northern Ireland)"
        )
    return (
        "working days leave out weekends and the bank holidays of "
        f"{NATIONS.get(calendar.code, calendar.code)}"
    )


def _rule_words(clock: Clock) -> str:
    spec = clock.spec
    if spec.unit == MONTHS:
        return (
            f"{spec.length} calendar month(s) from the day of receipt to the matching date "
            "(the month's last day when there is none), moved to the next working day when "
            "it falls on a weekend or bank holiday"
        )
    first = "day 1 is the first working day after the day of receipt, whatever day it was"
    if spec.receipt_rule == "next_working_day":
        first = (
            "day 1 is the first working day after the day of receipt; a request received on "
            "a non-working day counts from the next working day (the council's own rule)"
        )
    if spec.counted_from == "acknowledgement":
        first = "day 1 is the first working day after the acknowledgement was sent"
    return f"{first}; the deadline is working day {spec.length}"


def _before_count(day: date, clock: Clock) -> str:
    """Why a day on or before the start of the count does not count."""
    anchor, start = clock.anchor, clock.counting_from
    if anchor == "next working day":
        return (
            "received on a non-working day: the count starts from this working day, "
            "so day 1 is the next one"
            if day == start
            else "before the count started"
        )
    if anchor == "acknowledgement":
        if day == start:
            return "acknowledgement sent: the response is counted from here, day 1 is next"
        return "before the acknowledgement: the response is counted from the acknowledgement"
    if anchor == "acknowledgement deadline":
        if day == start:
            return "the acknowledgement's deadline: until it is sent, the response counts from here"
        return "before the acknowledgement's deadline (no acknowledgement sent yet)"
    restart = next((p for p in clock.pauses if p.restarts and p.end == start), None)
    if restart is not None:
        if day == start:
            return (
                f"the {restart.awaiting} arrived: the count starts afresh, day 1 is next "
                f"({clock.spec.pause_source})"
            )
        if day >= restart.start:
            return f"waiting for the {restart.awaiting} asked for on {day_words(restart.start)}"
        return (
            f"before the {restart.awaiting} was asked for: the count started afresh when it "
            "arrived, so these days no longer count"
        )
    return "before the count started"


def _paused(pause: Any) -> str:
    if pause.end is None:
        return (
            f"paused: waiting for {pause.awaiting} (asked {day_words(pause.start)}; still waiting)"
        )
    return (
        f"paused: waiting for {pause.awaiting} (asked {day_words(pause.start)}, "
        f"arrived {day_words(pause.end)})"
    )


def _counted(n: int, clock: Clock, extension: str) -> str:
    spec = clock.spec
    if n <= spec.length:
        return f"working day {n} of {spec.length}"
    return f"working day {n}: extension day {n - spec.length}{extension}"


def _working_days(clock: Clock, calendar: WorkingCalendar, extension: str) -> list[LedgerDay]:
    inclusive = clock.spec.pause_includes_day_asked
    days, n = [], 0
    day = clock.started + timedelta(days=1)
    while day <= clock.due:
        weekend = day.weekday() >= 5
        holiday = _holiday(day, calendar)
        if weekend:
            reason = f"{WEEKDAYS[day.weekday()]}: weekend" + (f"; {holiday}" if holiday else "")
            days.append(LedgerDay(day, False, reason))
        elif holiday:
            days.append(LedgerDay(day, False, f"bank holiday: {holiday}"))
        elif day <= clock.counting_from:
            days.append(LedgerDay(day, False, _before_count(day, clock)))
        elif (pause := pause_covering(day, clock.pauses, inclusive)) is not None:
            days.append(LedgerDay(day, False, _paused(pause)))
        else:
            n += 1
            days.append(LedgerDay(day, True, _counted(n, clock, extension), n))
        day += timedelta(days=1)
    return days


def _month_days(clock: Clock, calendar: WorkingCalendar, extension: str) -> list[LedgerDay]:
    spec = clock.spec
    inclusive = spec.pause_includes_day_asked
    closed = tuple(p for p in clock.pauses if p.end is not None)
    months = spec.length + clock.extended_by
    if spec.pause_unit == CALENDAR_DAYS:
        last = matching_date(clock.counting_from, months, closed, inclusive)
    else:
        last = add_months(clock.counting_from, months)
    plain = add_months(clock.counting_from, spec.length)
    days, n = [], 0
    day = clock.started + timedelta(days=1)
    while day <= clock.due:
        if day <= clock.counting_from:
            days.append(LedgerDay(day, False, _before_count(day, clock)))
        elif day > last:
            why = "weekend" if day.weekday() >= 5 else _holiday(day, calendar)
            if day == clock.due:
                reason = "due: the next working day after the month's last counted day"
            else:
                reason = f"not counted: {why or 'a non-working day'}; the deadline moves on"
            days.append(LedgerDay(day, False, reason))
        elif (pause := pause_covering(day, clock.pauses, inclusive)) is not None:
            days.append(LedgerDay(day, False, _paused(pause)))
        else:
            n += 1
            note = ""
            if day.weekday() >= 5 or _holiday(day, calendar):
                note = " (a month counts every calendar day)"
            what = f"calendar day {n}{note}"
            if day > plain and clock.extended_by:
                what += f": extension{extension}"
            days.append(LedgerDay(day, True, what, n))
        day += timedelta(days=1)
    return days


def _notes(clock: Clock) -> list[str]:
    spec = clock.spec
    out = []
    for change in clock.history:
        on = day_words(change.on) if change.on else "(no date)"
        new = day_words(change.new_date) if change.new_date else ""
        reason = f": {change.reason}" if change.reason else ""
        unit = "month(s)" if spec.unit == MONTHS else "working days"
        if change.action == "extended":
            out.append(f"Extended by {change.amount} {unit} on {on}{reason}; due {new}.")
        elif change.action == "extended late":
            out.append(
                f"Extension of {change.amount} {unit} asked on {on}, after the deadline: "
                f"recorded as late{reason}. The deadline stays {day_words(clock.due)}; "
                f"{new} is only the date now promised."
            )
        elif change.action == "stopped":
            out.append(f"Stopped on {on}{reason}.")
        elif change.action == "restarted":
            out.append(f"Restarted on {on}; due {new}.")
        elif change.action == "acknowledged":
            out.append(f"Acknowledged on {on}: the response counts from then; due {new}.")
        elif change.action == "held":
            out.append(f"Holding reply sent on {on}{reason}: new date {new}.")
        elif change.action == "held late":
            out.append(f"Holding reply sent on {on}, after the deadline{reason}: new date {new}.")
        elif change.action == "completed":
            out.append(f"Answered on {on}: {clock.status}.")
    if clock.status == "stopped":
        out.append("The clock is stopped: the date moves on when what it waits for arrives.")
    if spec.role == "statutory" and clock.status in ("running", "stopped"):
        out.append(
            f"An extension must be told by {day_words(first_period_end(clock))} "
            f"({spec.extension_source})."
        )
    return out


def explain(clock: Clock) -> Ledger:
    """The ledger of ``clock``: every day from the day after receipt to the due date."""
    spec = clock.spec
    calendar = calendar_named(spec.calendar)
    reasons = [c.reason for c in clock.history if c.action == "extended" and c.reason]
    extension = f" ({'; '.join(reasons)})" if reasons else ""
    # An extension asked after the deadline is a promise: it does not move the due date,
    # so the days the ledger counts leave it out.
    late = sum(c.amount for c in clock.history if c.action == "extended late")
    extended_by = clock.extended_by - late
    if spec.unit == MONTHS:
        days = _month_days(clock, calendar, extension)
        length = (
            add_months(clock.counting_from, spec.length + extended_by) - clock.counting_from
        ).days
    else:
        days = _working_days(clock, calendar, extension)
        length = spec.length + extended_by
    received = (
        datetime.fromisoformat(clock.received_at)
        if clock.received_at
        else datetime(clock.started.year, clock.started.month, clock.started.day)
    )
    day_one = next((d.date for d in days if d.counted), None)
    sources = [spec.source]
    for extra in (spec.counting_source, spec.pause_source if clock.pauses else ""):
        if extra and extra not in sources:
            sources.append(extra)
    if clock.extended_by and spec.extension_source and spec.extension_source not in sources:
        sources.append(spec.extension_source)
    return Ledger(
        clock=spec.id,
        label=spec.label,
        received=received,
        day_one=day_one,
        due=clock.due,
        unit=spec.unit,
        length=length,
        status=clock.status,
        rule=_rule_words(clock),
        calendar=_calendar_words(calendar),
        days=tuple(days),
        notes=tuple(_notes(clock)),
        source=spec.source,
        sources=tuple(sources),
    )
