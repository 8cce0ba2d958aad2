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

Day-by-day explanations live in :mod:`casekit.rules.ledger`; the arithmetic in
:mod:`casekit.rules.duedates`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.calendar import UK, calendar_named
from casekit.rules.clockspec import (
    MONTHS,
    SERVICE_CLOCKS,
    WORKING_DAYS,
    ClockSpec,
    clock_spec,
)
from casekit.rules.duedates import Pause, due_date
from casekit.rules.profile import Profile, load_profile
from casekit.rules.ukdate import uk_date, uk_datetime

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
    "case_deadlines",
    "clock_spec",
    "complete",
    "extend",
    "hold",
    "holding_reply_due",
    "is_overdue",
    "restart",
    "start_clock",
    "stop",
    "working_days_left",
]

STATUSES = ("running", "stopped", "met", "missed")
OPEN = ("running", "stopped")


@dataclass(frozen=True)
class ClockChange:
    """One thing done to a clock, with the reason a constituent would understand."""

    action: str  # extended, extended late, stopped, restarted, acknowledged, held, completed
    on: date | None
    amount: int
    reason: str
    new_date: date | None = None


@dataclass(frozen=True)
class Clock:
    """A running (or finished) deadline. Change it only through this module's functions."""

    spec: ClockSpec
    started: date  # the UK local day of receipt
    counting_from: date  # the day whose next (working) day is day 1
    due: date
    received_at: str = ""  # UK local date and time of receipt, "2026-04-03T10:15"
    anchor: str = "receipt"  # what counting_from is (see ANCHORS in the ledger)
    extended_by: int = 0  # in ``spec.unit``, extensions told in time
    pauses: tuple[Pause, ...] = ()
    status: str = "running"
    completed_on: date | None = None
    promised: date | None = None  # the new date of a holding reply or a late extension
    promised_by: str = ""  # "holding reply" or "late extension"
    late: bool = False  # an extension was asked after the deadline
    history: tuple[ClockChange, ...] = ()

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def source(self) -> str:
        return self.spec.source

    @property
    def case_kind(self) -> str | None:
        return self.spec.case_kind

    @property
    def stopped_on(self) -> date | None:
        """The day the clock stopped, while it is still stopped."""
        open_pause = self.pauses[-1] if self.pauses else None
        return open_pause.start if open_pause and open_pause.end is None else None

    @property
    def stopped_days(self) -> int:
        """How far the finished pauses moved the deadline: working days for a working-day
        clock, calendar days for a month clock (a restart afresh is not a pause)."""
        base = _due(self.spec, self.counting_from, self.extended_by, ())
        if self.spec.unit == MONTHS:
            return max(0, (self.due - base).days)
        return max(0, calendar_named(self.spec.calendar).working_days_between(base, self.due))

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (dates as ISO strings) for events and evidence."""
        return _iso(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clock:
        """The inverse of :meth:`as_dict`."""
        spec_data = dict(data["spec"])
        spec_data["restart_on"] = tuple(spec_data.get("restart_on", ()))
        spec = ClockSpec(**spec_data)
        history = tuple(
            ClockChange(
                h["action"], _date(h["on"]), h["amount"], h["reason"], _date(h.get("new_date"))
            )
            for h in data.get("history", ())
        )
        pauses = tuple(
            Pause(
                _date(p["start"]),
                _date(p.get("end")),
                p.get("awaiting", "other"),
                p.get("reason", ""),
                p.get("restarts", False),
            )
            for p in data.get("pauses", ())
        )
        keep = ("received_at", "anchor", "extended_by", "status", "promised_by", "late")
        fields = {k: data[k] for k in keep if k in data}
        return cls(
            spec=spec,
            started=_date(data["started"]),
            counting_from=_date(data["counting_from"]),
            due=_date(data["due"]),
            pauses=pauses,
            completed_on=_date(data.get("completed_on")),
            promised=_date(data.get("promised")),
            history=history,
            **fields,
        )


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_iso(v) for v in value]
    return value


def _date(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _due(spec: ClockSpec, counting_from: date, extended_by: int, pauses: tuple[Pause, ...]) -> date:
    return due_date(
        calendar_named(spec.calendar),
        unit=spec.unit,
        length=spec.length + extended_by,
        start=counting_from,
        pauses=pauses,
        inclusive=spec.pause_includes_day_asked,
        pause_unit=spec.pause_unit,
    )


def _with_due(clock: Clock, **changes: Any) -> Clock:
    """``clock`` with ``changes`` and its due date worked out again."""
    changed = replace(clock, **changes)
    closed = tuple(p for p in changed.pauses if p.end is not None)
    return replace(
        changed, due=_due(changed.spec, changed.counting_from, changed.extended_by, closed)
    )


def first_period_end(clock: Clock) -> date:
    """The deadline without any extension: the end of the window for telling the requester
    of an extension (it moves with pauses and a clarification, as the deadline does)."""
    closed = tuple(p for p in clock.pauses if p.end is not None)
    return _due(clock.spec, clock.counting_from, 0, closed)


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


# --------------------------------------------------------------------------- actions


def _rules_profile(clock: Clock, profile: Profile | None) -> Profile:
    return profile if profile is not None else load_profile(clock.spec.profile)


def _state_error(clock: Clock, action: str, field: str) -> CasekitError:
    return CasekitError(
        f"You cannot {action} the {clock.label} clock: it is {clock.status}.",
        rule="clock-state",
        source=clock.source,
        advice="Check the clock's status on the case before acting on it.",
        field=field,
    )


def _needs_reason(clock: Clock, profile: Profile, reason: str) -> None:
    if not reason or not reason.strip():
        raise profile.rule("extension-needs-reason").error(
            field="reason", clock=clock.label, clock_source=clock.source
        )


def _before_start(clock: Clock, on: date, what: str, advice: str) -> None:
    if on < clock.started:
        raise CasekitError(
            f"The {clock.label} clock cannot {what} on {on.isoformat()}, before it started "
            f"({clock.started.isoformat()}).",
            rule="clock-state",
            source=clock.source,
            advice=advice,
            field="on",
        )


def extend(
    clock: Clock,
    profile: Profile,
    *,
    working_days: int = 0,
    months: int = 0,
    reason: str = "",
    on: date | None = None,
) -> Clock:
    """Extend a running or stopped clock within the profile's limit, with a reason.

    Working-day clocks extend by ``working_days``; month clocks (subject access) by
    ``months``. ``on`` is the day the person is told (None: a what-if with no date).
    Refused, citing the profile's rule, when over the limit, without a reason, or (for a
    statutory clock) told after the first period; a service-level extension asked after
    the deadline is kept as late: the due date stays and the new date is a promise.
    """
    if clock.status not in OPEN:
        raise _state_error(clock, "extend", "status")
    spec = clock.spec
    field, asked, other = (
        ("months", months, working_days)
        if spec.unit == MONTHS
        else ("working_days", working_days, months)
    )
    unit_words = "months" if spec.unit == MONTHS else "working days"
    if other:
        raise CasekitError(
            f"The {clock.label} clock is counted in {unit_words}: "
            f"give the extension in {unit_words}.",
            rule="extension-limit",
            source=clock.source,
            advice=f"Put the extension in the {field} field.",
            field="months" if field == "working_days" else "working_days",
        )
    if isinstance(asked, bool) or not isinstance(asked, int) or asked <= 0:
        raise CasekitError(
            f"An extension must be a positive whole number of {unit_words}; "
            f"you asked for {asked!r}.",
            rule="extension-limit",
            source=clock.source,
            advice="Give how many more days (or months) the reply needs.",
            field=field,
        )
    _needs_reason(clock, profile, reason)
    if spec.max_extension is not None and clock.extended_by + asked > spec.max_extension:
        raise profile.rule("extension-limit").error(
            field=field,
            clock=clock.label,
            limit=spec.max_extension - clock.extended_by,
            asked=asked,
            unit=unit_words,
            clock_source=spec.extension_source or clock.source,
        )
    window = first_period_end(clock) if spec.role == "statutory" else clock.due
    late = on is not None and on > window
    if late and spec.extension_after_deadline == "refuse":
        raise profile.rule("extension-notice-window").error(
            field="on",
            clock=clock.label,
            window=f"{window:%a} {window.day} {window:%b %Y}",
            told=f"{on:%a} {on.day} {on:%b %Y}",
            clock_source=spec.extension_source or clock.source,
        )
    extended = _with_due(clock, extended_by=clock.extended_by + asked)
    if late:
        change = ClockChange("extended late", on, asked, reason.strip(), extended.due)
        return replace(
            clock,
            extended_by=extended.extended_by,
            promised=extended.due,
            promised_by="late extension",
            late=True,
            history=(*clock.history, change),
        )
    change = ClockChange("extended", on, asked, reason.strip(), extended.due)
    return replace(extended, history=(*clock.history, change))


def stop(
    clock: Clock,
    on: date,
    reason: str,
    *,
    profile: Profile | None = None,
    awaiting: str = "other",
) -> Clock:
    """Stop the clock while waiting for something (``awaiting``: clarification, identity,
    a fee, consent). ``profile`` supplies the rule cited when the reason is missing; by
    default the profile the clock was started under."""
    if clock.status != "running":
        raise _state_error(clock, "stop", "status")
    _needs_reason(clock, _rules_profile(clock, profile), reason)
    _before_start(clock, on, "stop", "Give the date the clock was stopped.")
    pause = Pause(on, None, awaiting, reason.strip())
    return replace(
        clock,
        status="stopped",
        pauses=(*clock.pauses, pause),
        history=(*clock.history, ClockChange("stopped", on, 0, reason.strip())),
    )


def restart(clock: Clock, on: date, *, reason: str = "") -> Clock:
    """Restart a stopped clock on the day what it waited for arrived.

    When the profile says the clock restarts on what it waited for (an FOI or EIR
    clarification), the count starts afresh from ``on``; otherwise the pause's days do
    not count and the due date moves on by them.
    """
    open_pause = clock.pauses[-1] if clock.pauses else None
    if clock.status != "stopped" or open_pause is None or open_pause.end is not None:
        raise _state_error(clock, "restart", "status")
    if on < open_pause.start:
        raise CasekitError(
            f"The {clock.label} clock cannot restart on {on.isoformat()}, before it stopped "
            f"({open_pause.start.isoformat()}).",
            rule="clock-state",
            source=clock.source,
            advice="Give the date the information the clock was waiting for arrived.",
            field="on",
        )
    afresh = open_pause.awaiting in clock.spec.restart_on
    closed = replace(open_pause, end=on, restarts=afresh)
    changes: dict[str, Any] = {"status": "running", "pauses": (*clock.pauses[:-1], closed)}
    if afresh:
        changes.update(counting_from=on, anchor=open_pause.awaiting)
    before = clock.due
    moved = _with_due(clock, **changes)
    amount = (moved.due - before).days
    change = ClockChange("restarted", on, amount, reason.strip(), moved.due)
    return replace(moved, history=(*clock.history, change))


def acknowledged_on(clock: Clock, on: date) -> Clock:
    """A response counted from the acknowledgement now counts from the day it was sent."""
    if clock.spec.counted_from != "acknowledgement" or clock.anchor == "acknowledgement":
        return clock
    if clock.status not in OPEN:
        return clock
    _before_start(clock, on, "count from an acknowledgement", "Give the acknowledgement's date.")
    moved = _with_due(clock, counting_from=on, anchor="acknowledgement")
    change = ClockChange("acknowledged", on, 0, "", moved.due)
    return replace(moved, history=(*clock.history, change))


acknowledged = acknowledged_on


def hold(clock: Clock, on: date, new_date: date, reason: str = "") -> Clock:
    """A holding reply sent on ``on`` promising an answer by ``new_date``.

    It counts when sent by the deadline (or by the date a previous holding reply
    promised); one sent later is kept in the history but leaves the clock overdue.
    """
    if clock.status not in OPEN:
        return clock
    deadline = clock.due
    if clock.promised_by == "holding reply" and clock.promised and clock.promised > deadline:
        deadline = clock.promised
    if on <= deadline and new_date > on:
        change = ClockChange("held", on, 0, reason.strip(), new_date)
        return replace(
            clock,
            promised=new_date,
            promised_by="holding reply",
            history=(*clock.history, change),
        )
    change = ClockChange("held late", on, 0, reason.strip(), new_date)
    return replace(clock, history=(*clock.history, change))


def complete(clock: Clock, on: date) -> Clock:
    """The reply was sent on ``on``: the clock is met on or before its due date, else missed.

    A stopped clock is restarted on that day first, so its pause still counts. A promise
    (holding reply, late extension) never turns a late reply into a met deadline.
    """
    if clock.status == "stopped":
        clock = restart(clock, on)
    if clock.status != "running":
        raise _state_error(clock, "complete", "status")
    _before_start(clock, on, "be met", "Give the date the reply was sent.")
    return replace(
        clock,
        status="met" if on <= clock.due else "missed",
        completed_on=on,
        history=(*clock.history, ClockChange("completed", on, 0, "")),
    )


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
