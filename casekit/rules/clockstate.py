"""A clock's state: what the protocol says (its spec), when it started and from which day
it counts, its pauses, extensions and promises, and the due date they give.

Frozen values: :mod:`casekit.rules.clock_changes` makes a new one for each thing done to
a clock, with the arithmetic of :mod:`casekit.rules.duedates`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from casekit.rules.calendar import calendar_named
from casekit.rules.clockspec import MONTHS, ClockSpec
from casekit.rules.duedates import Pause, due_date

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
