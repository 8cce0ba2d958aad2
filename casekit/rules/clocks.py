"""Case clocks: when an acknowledgement, a response or a statutory reply is due.

Pure functions over frozen :class:`Clock` values: the event log records what happened
(a clock started, was extended, stopped, restarted, acknowledged, held by a holding reply,
met) and a projection replays these functions to know each deadline. Every number,
calendar, counting rule and source comes from the protocol profile, so a council with a
five-working-day target needs a new TOML file, not new code.

The rules (casework-rules.md sections 2-3):

- Statutory clocks count day 1 as the first working day after the day of receipt,
  whatever day that was (FOIA 2000 s10(1)); a council's own service levels follow the
  profile's ``receipt_on_non_working_day``.
- A month-based clock (UK GDPR art. 12(3)) runs to the matching date of the next month
  and moves off a weekend or bank holiday.
- A stopped clock waiting for a clarification starts afresh when it arrives, where the
  profile says so (FOI, EIR); anything else it waited for is a pause, counted in working
  or calendar days as the profile says (subject access: calendar days).
- A statutory extension must be told within the first period; after it, it is refused.
  A service-level extension asked after the deadline is recorded as late: the deadline
  stays missed and the new date is only a promise.
- A complaint's response may be counted from the acknowledgement (Complaint Handling
  Code); until it is sent, from the acknowledgement's deadline.
- A holding reply sent before the deadline records the date promised.

This module starts clocks and answers questions about them, and re-exports the rest:
the state in :mod:`casekit.rules.clockstate`, what can be done to a clock in
:mod:`casekit.rules.clock_changes`, the arithmetic in :mod:`casekit.rules.duedates`, and
the day-by-day explanation in :mod:`casekit.rules.ledger`.
"""

from __future__ import annotations

from datetime import date, datetime

from casekit.inputs.dates import uk_date, uk_datetime
from casekit.rules.calendar import UK, calendar_named
from casekit.rules.clock_changes import (
    acknowledged,
    acknowledged_on,
    complete,
    extend,
    hold,
    restart,
    stop,
)
from casekit.rules.clockspec import (
    MONTHS,
    SERVICE_CLOCKS,
    WORKING_DAYS,
    ClockSpec,
    clock_spec,
)
from casekit.rules.clockstate import (
    OPEN,
    STATUSES,
    Clock,
    ClockChange,
    _due,
    first_period_end,
)
from casekit.rules.duedates import Pause
from casekit.rules.profile import Profile

__all__ = [
    "MONTHS",
    "SERVICE_CLOCKS",
    "STATUSES",
    "UK",
    "WORKING_DAYS",
    "Clock",
    "ClockChange",
    "ClockSpec",
    "Pause",
    "acknowledged",
    "acknowledged_on",
    "case_deadlines",
    "clock_spec",
    "complete",
    "extend",
    "first_period_end",
    "held",
    "hold",
    "holding_reply_due",
    "is_overdue",
    "restart",
    "start_clock",
    "stop",
    "working_days_left",
]


# --------------------------------------------------------------------------- starting


def start_clock(
    profile: Profile,
    clock_id: str,
    received: datetime | date | str,
    *,
    case_kind: str | None = None,
    acknowledged: datetime | date | str | None = None,
) -> Clock:
    """Start a clock on receipt of an enquiry or request.

    ``clock_id`` is ``"acknowledge"`` or ``"respond"`` (with ``case_kind``, the service
    level's key), or a statutory clock of the profile (``"foi"``, ``"eir"``, ``"sar"``).
    ``received`` is taken as its UK local date (Europe/London). A response counted from
    the acknowledgement (a complaint) counts from ``acknowledged`` when given, else from
    the acknowledgement's deadline until it is sent.
    """
    spec = clock_spec(profile, clock_id, case_kind=case_kind)
    when = uk_datetime(received)
    day = when.date()
    counting_from, anchor = day, "receipt"
    calendar = calendar_named(spec.calendar)
    if (
        spec.unit == WORKING_DAYS
        and spec.receipt_rule == "next_working_day"
        and not calendar.is_working_day(day)
    ):
        counting_from, anchor = calendar.next_working_day(day), "next working day"
    if spec.counted_from == "acknowledgement" and acknowledged is None:
        # until the acknowledgement is sent, the response counts from its deadline
        counting_from = start_clock(profile, "acknowledge", when, case_kind=case_kind).due
        anchor = "acknowledgement deadline"
    clock = Clock(
        spec=spec,
        started=day,
        counting_from=counting_from,
        due=_due(spec, counting_from, 0, ()),
        received_at=when.isoformat(timespec="minutes"),
        anchor=anchor,
    )
    if spec.counted_from == "acknowledgement" and acknowledged is not None:
        return acknowledged_on(clock, uk_date(acknowledged))
    return clock


def case_deadlines(profile: Profile, case_kind: str, received: datetime | date) -> dict[str, Clock]:
    """The acknowledgement and response clocks of a new case, keyed by clock id."""
    return {
        clock_id: start_clock(profile, clock_id, received, case_kind=case_kind)
        for clock_id in SERVICE_CLOCKS
    }


# --------------------------------------------------------------------------- questions


def working_days_left(clock: Clock, today: date) -> int:
    """Working days from ``today`` to the due date (0 on the day, negative when overdue)."""
    return calendar_named(clock.spec.calendar).working_days_between(today, clock.due)


def is_overdue(clock: Clock, today: date) -> bool:
    """A clock still open after its due date (whatever was promised since)."""
    return clock.status in OPEN and today > clock.due


def held(clock: Clock, today: date) -> bool:
    """An open clock covered by a holding reply whose promised date has not passed."""
    return (
        clock.status in OPEN
        and clock.promised_by == "holding reply"
        and clock.promised is not None
        and today <= clock.promised
    )


def holding_reply_due(clock: Clock, today: date) -> bool:
    """Whether a holding reply (interim update) is due now.

    True for a response clock whose service level asks for holding replies, not yet met
    nor covered by a holding reply, and due within the profile's
    ``holding_reply_within_wd`` working days or past.
    """
    if not clock.spec.holding_reply or clock.status not in OPEN or held(clock, today):
        return False
    return working_days_left(clock, today) <= clock.spec.holding_reply_within_wd
