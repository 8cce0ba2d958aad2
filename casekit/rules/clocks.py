"""Case clocks: when an acknowledgement, a response or a statutory reply is due.

Pure functions over frozen :class:`Clock` values: the event log records what happened
(a clock started, extended, stopped, restarted, met) and a projection replays these
functions to know each deadline. Every number, calendar and source comes from the
protocol profile, so a council with a five-working-day target needs a new TOML file,
not new code.

Counting follows the statutes the profile cites: day 1 is the first working day after
receipt (FOIA 2000 s10(1)); a request received on a non-working day counts from the next
working day, or from that day, as the profile says; a month-based clock (UK GDPR art.
12(3)) runs to the matching date of the next month and moves off a weekend or bank holiday.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.calendar import UK, add_months, calendar_named
from casekit.rules.profile import Profile, load_profile

SERVICE_CLOCKS = ("acknowledge", "respond")
STATUSES = ("running", "stopped", "met", "missed")
WORKING_DAYS = "working_days"
MONTHS = "months"


@dataclass(frozen=True)
class ClockSpec:
    """What the profile says about one clock, resolved for a case kind."""

    id: str  # "acknowledge", "respond", or a statutory id: "foi", "eir", "sar"
    label: str
    unit: str  # "working_days" or "months"
    length: int
    max_extension: int | None  # in ``unit``; None when the profile sets no limit
    calendar: str  # calendar code: "ENG", "SCT"... or "UK" (FOI: every nation's holidays)
    source: str
    receipt_rule: str  # profile.calendar.receipt_on_non_working_day
    profile: str  # the profile file, so stop/restart can cite its rules
    case_kind: str | None = None
    holding_reply: bool = False
    holding_reply_within_wd: int = 1


@dataclass(frozen=True)
class ClockChange:
    """One thing done to a clock, with the reason a constituent would understand."""

    action: str  # "extended", "stopped", "restarted", "completed"
    on: date | None
    amount: int
    reason: str


@dataclass(frozen=True)
class Clock:
    """A running (or finished) deadline. Change it only through this module's functions."""

    spec: ClockSpec
    started: date  # the day of receipt
    counting_from: date  # the day whose next working day is day 1
    due: date
    extended_by: int = 0  # in ``spec.unit``
    stopped_days: int = 0  # working days the clock was stopped, all stops together
    status: str = "running"
    stopped_on: date | None = None
    completed_on: date | None = None
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

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (dates as ISO strings) for events and evidence."""
        return _iso(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clock:
        """The inverse of :meth:`as_dict`."""
        spec = ClockSpec(**data["spec"])
        history = tuple(
            ClockChange(h["action"], _date(h["on"]), h["amount"], h["reason"])
            for h in data.get("history", ())
        )
        fields = {k: data[k] for k in ("extended_by", "stopped_days", "status") if k in data}
        return cls(
            spec=spec,
            started=_date(data["started"]),
            counting_from=_date(data["counting_from"]),
            due=_date(data["due"]),
            stopped_on=_date(data.get("stopped_on")),
            completed_on=_date(data.get("completed_on")),
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


# --------------------------------------------------------------------------- specs


def clock_spec(profile: Profile, clock_id: str, *, case_kind: str | None = None) -> ClockSpec:
    """Resolve a clock from the profile: a case kind's service level or a statutory clock."""
    settings = profile.calendar
    if clock_id in SERVICE_CLOCKS:
        if case_kind is None:
            raise CasekitError(
                f"The {clock_id} clock needs the kind of case (member enquiry, complaint...).",
                rule="clock-needs-case-kind",
                source=str(profile.path),
                advice=f"Choose one of: {', '.join(profile.service_levels)}.",
                field="case_kind",
            )
        level = profile.service_level(case_kind)
        acknowledge = clock_id == "acknowledge"
        what = "acknowledgement" if acknowledge else "response"
        return ClockSpec(
            id=clock_id,
            label=f"{what} ({case_kind.replace('_', ' ')})",
            unit=WORKING_DAYS,
            length=level.acknowledge_wd if acknowledge else level.respond_wd,
            max_extension=level.max_extension_wd,
            calendar=settings.subdivision,
            source=level.source,
            receipt_rule=settings.receipt_on_non_working_day,
            profile=str(profile.path),
            case_kind=case_kind,
            holding_reply=level.holding_reply_before_deadline and not acknowledge,
            holding_reply_within_wd=level.holding_reply_within_wd,
        )
    statutory = profile.statutory_clock(clock_id)
    months = statutory.unit == MONTHS
    return ClockSpec(
        id=clock_id,
        label=statutory.label,
        unit=statutory.unit,
        length=(statutory.calendar_months if months else statutory.working_days) or 0,
        max_extension=statutory.max_extension_months if months else statutory.max_extension_wd,
        calendar=UK if statutory.calendar == UK else settings.subdivision,
        source=statutory.source,
        receipt_rule=settings.receipt_on_non_working_day,
        profile=str(profile.path),
        case_kind=case_kind,
    )


def _due(spec: ClockSpec, counting_from: date, extended_by: int, stopped_days: int) -> date:
    calendar = calendar_named(spec.calendar)
    if spec.unit == MONTHS:
        # Art. 12(3): the matching date (or the month's last day), off weekends and holidays;
        # working days spent stopped then push it on.
        due = calendar.roll_forward(add_months(counting_from, spec.length + extended_by))
        return calendar.add_working_days(due, stopped_days)
    return calendar.add_working_days(counting_from, spec.length + extended_by + stopped_days)


# --------------------------------------------------------------------------- actions


def start_clock(
    profile: Profile, clock_id: str, received: datetime | date, *, case_kind: str | None = None
) -> Clock:
    """Start a clock on receipt of an enquiry or request.

    ``clock_id`` is ``"acknowledge"`` or ``"respond"`` (with ``case_kind``, the service
    level's key), or a statutory clock of the profile (``"foi"``, ``"eir"``, ``"sar"``).
    Working-day clocks apply the profile's ``receipt_on_non_working_day``; month clocks
    count from the day of receipt whatever day it is (ICO guidance on time limits).
    """
    spec = clock_spec(profile, clock_id, case_kind=case_kind)
    day = received.date() if isinstance(received, datetime) else received
    calendar = calendar_named(spec.calendar)
    counting_from = day
    if (
        spec.unit == WORKING_DAYS
        and spec.receipt_rule == "next_working_day"
        and not calendar.is_working_day(day)
    ):
        counting_from = calendar.next_working_day(day)
    return Clock(
        spec=spec,
        started=day,
        counting_from=counting_from,
        due=_due(spec, counting_from, 0, 0),
    )


def case_deadlines(profile: Profile, case_kind: str, received: datetime | date) -> dict[str, Clock]:
    """The acknowledgement and response clocks of a new case, keyed by clock id."""
    return {
        clock_id: start_clock(profile, clock_id, received, case_kind=case_kind)
        for clock_id in SERVICE_CLOCKS
    }


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


def extend(
    clock: Clock, profile: Profile, *, working_days: int = 0, months: int = 0, reason: str = ""
) -> Clock:
    """Extend a running or stopped clock within the profile's limit, with a reason.

    Working-day clocks extend by ``working_days``; month clocks (subject access) by
    ``months``. Refused, citing the profile's ``extension-limit`` or
    ``extension-needs-reason`` rule, when over the limit or without a reason.
    """
    if clock.status not in ("running", "stopped"):
        raise _state_error(clock, "extend", "status")
    spec = clock_spec(profile, clock.id, case_kind=clock.case_kind)
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
            clock_source=clock.source,
        )
    extended_by = clock.extended_by + asked
    return replace(
        clock,
        extended_by=extended_by,
        due=_due(spec, clock.counting_from, extended_by, clock.stopped_days),
        history=(*clock.history, ClockChange("extended", None, asked, reason.strip())),
    )


def stop(clock: Clock, on: date, reason: str, *, profile: Profile | None = None) -> Clock:
    """Stop the clock (waiting for clarification or consent): working days stop counting.

    ``profile`` supplies the rule cited when the reason is missing; by default the
    profile the clock was started under.
    """
    if clock.status != "running":
        raise _state_error(clock, "stop", "status")
    _needs_reason(clock, _rules_profile(clock, profile), reason)
    if on < clock.started:
        raise CasekitError(
            f"The {clock.label} clock cannot stop on {on.isoformat()}, before it started "
            f"({clock.started.isoformat()}).",
            rule="clock-state",
            source=clock.source,
            advice="Give the date the clock was stopped.",
            field="on",
        )
    return replace(
        clock,
        status="stopped",
        stopped_on=on,
        history=(*clock.history, ClockChange("stopped", on, 0, reason.strip())),
    )


def restart(clock: Clock, on: date, *, reason: str = "") -> Clock:
    """Restart a stopped clock; the due date moves on by the working days it was stopped.

    The stopped days are the working days after the stop day up to and including the
    restart day, so the restart day is treated like a new day of receipt.
    """
    if clock.status != "stopped" or clock.stopped_on is None:
        raise _state_error(clock, "restart", "status")
    calendar = calendar_named(clock.spec.calendar)
    if on < clock.stopped_on:
        raise CasekitError(
            f"The {clock.label} clock cannot restart on {on.isoformat()}, before it stopped "
            f"({clock.stopped_on.isoformat()}).",
            rule="clock-state",
            source=clock.source,
            advice="Give the date the information the clock was waiting for arrived.",
            field="on",
        )
    paused = calendar.working_days_between(clock.stopped_on, on)
    stopped_days = clock.stopped_days + paused
    return replace(
        clock,
        status="running",
        stopped_on=None,
        stopped_days=stopped_days,
        due=_due(clock.spec, clock.counting_from, clock.extended_by, stopped_days),
        history=(*clock.history, ClockChange("restarted", on, paused, reason.strip())),
    )


def complete(clock: Clock, on: date) -> Clock:
    """The reply was sent on ``on``: the clock is met on or before its due date, else missed.

    A stopped clock is restarted on that day first, so its stopped days still count.
    """
    if clock.status == "stopped":
        clock = restart(clock, on)
    if clock.status != "running":
        raise _state_error(clock, "complete", "status")
    if on < clock.started:
        raise CasekitError(
            f"The {clock.label} clock cannot be met on {on.isoformat()}, before it started "
            f"({clock.started.isoformat()}).",
            rule="clock-state",
            source=clock.source,
            advice="Give the date the reply was sent.",
            field="on",
        )
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
    """A clock still open after its due date."""
    return clock.status in ("running", "stopped") and today > clock.due


def holding_reply_due(clock: Clock, today: date) -> bool:
    """Whether a holding reply (interim update) is due now.

    True for a response clock whose service level asks for holding replies, not yet
    met, and due within the profile's ``holding_reply_within_wd`` working days or past.
    """
    if not clock.spec.holding_reply or clock.status not in ("running", "stopped"):
        return False
    return working_days_left(clock, today) <= clock.spec.holding_reply_within_wd
