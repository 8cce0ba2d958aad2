"""What can be done to a clock: extend it, stop and restart it, count a response from the
acknowledgement, hold it with a holding reply, and complete it.

Each function returns a new :class:`~casekit.rules.clockstate.Clock`; a refusal is a
:class:`~casekit.errors.CasekitError` citing the profile's rule. The projection replays
these on the operations the log holds, so the workflow and the record always agree.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.clockspec import MONTHS
from casekit.rules.clockstate import OPEN, Clock, ClockChange, _with_due, first_period_end
from casekit.rules.duedates import Pause
from casekit.rules.profile import Profile, load_profile


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
