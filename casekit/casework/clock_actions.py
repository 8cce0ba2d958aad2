"""Clocks a learner acts on: starting a statutory clock found inside a case, extending,
stopping and restarting one.

Each action works the clock out exactly as the projection will replay it (same rules,
same day: the UK local date of the simulation's now), so what is refused here is what the
law or the protocol refuses, and what is accepted shows the same date everywhere.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casekit import inputs
from casekit.casework.base import CaseworkBase
from casekit.errors import CasekitError
from casekit.inputs.dates import uk_date, uk_datetime
from casekit.record.log import Event
from casekit.record.projection import Case, State
from casekit.rules.vocabulary import AWAITING, STATUTORY_CLOCKS


class ClockActions(CaseworkBase):
    def _today(self) -> date:
        return uk_date(self.ws.now)

    def start_clock(self, case_ref: str, clock: str, *, received_at: Any = None) -> Event:
        """Start a statutory clock (FOI, EIR, subject access) found inside a case.

        A case logged as that kind of request has its clock already; starting it records
        that the learner saw it (and may give the time the request itself arrived).
        """
        inputs.choice(clock, "clock", {c: c for c in STATUTORY_CLOCKS})
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            ops = case.clock_ops.get(clock)
            if ops is not None and ops.confirmed:
                raise CasekitError(
                    f"The {clock.upper()} clock is already running on {case_ref}.",
                    field="clock",
                    advice="Look at its deadline on the dashboard instead.",
                )
            when = uk_datetime(inputs.as_datetime(received_at or case.received_at, "received at"))
            spec = self.profile.statutory_clock(clock)
            from casekit.rules import clocks as clockmath

            started = clockmath.start_clock(self.profile, clock, when, case_kind=case.kind)
            return self.ws.append(
                "clock_started",
                {
                    "clock": clock,
                    "received_at": when.isoformat(timespec="minutes"),
                    "source": spec.source,
                    "due": started.due.isoformat(),
                },
                case=case_ref,
            )

    def _clock(self, state: State, case: Case, clock: str) -> Any:
        clocks = state.clocks(case)
        if not isinstance(clock, str) or clock not in clocks:
            raise CasekitError(
                f"There is no {clock} clock on {case.ref}.",
                field="clock",
                advice="Choose one of the case's clocks from the list.",
            )
        return clocks[clock]

    def extend_clock(
        self, case_ref: str, clock: str, *, reason: str, working_days: int = 0, months: int = 0
    ) -> Event:
        """Extend a clock, telling the person today. A statutory extension told after the
        first period is refused (a breach, not an extension); a service-level extension
        asked after the deadline is kept as late: the deadline stays missed."""
        from casekit.rules import clocks as clockmath

        reason = inputs.text(reason, "reason", required=False, limit=1000)  # empty: refused
        today = self._today()
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            current = self._clock(state, case, clock)
            extended = clockmath.extend(
                current,
                self.profile,
                working_days=working_days,
                months=months,
                reason=reason,
                on=today,
            )
            return self.ws.append(
                "clock_extended",
                {
                    "clock": clock,
                    "working_days": working_days,
                    "months": months,
                    "reason": reason.strip(),
                    "due": (extended.promised if extended.late else extended.due).isoformat(),
                    "told_on": today.isoformat(),
                    "late": extended.late,
                },
                case=case_ref,
            )

    def stop_clock(
        self, case_ref: str, clock: str, *, reason: str, awaiting: str = "other"
    ) -> Event:
        """Stop a clock while waiting for something (``awaiting``: clarification, identity,
        a fee, consent, other). For an FOI or EIR request a clarification restarts the
        count afresh when it arrives; anything else is a pause."""
        if not isinstance(reason, str) or not reason.strip():
            raise self._refuse("extension-needs-reason", field="reason")
        inputs.choice(awaiting, "waiting for", AWAITING)
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            current = self._clock(state, case, clock)
            if current.status == "stopped":
                raise CasekitError(f"The {clock} clock is already stopped.", field="clock")
            from casekit.rules import clocks as clockmath

            clockmath.stop(current, self._today(), reason, profile=self.profile, awaiting=awaiting)
            return self.ws.append(
                "clock_stopped",
                {"clock": clock, "reason": reason.strip(), "awaiting": awaiting},
                case=case_ref,
            )

    def restart_clock(self, case_ref: str, clock: str, *, arrived_on: Any = None) -> Event:
        """Restart a stopped clock: what it waited for arrived (today, or ``arrived_on``)."""
        from casekit.rules import clocks as clockmath

        today = self._today()
        when = inputs.as_day(arrived_on, "arrived on") if arrived_on else today
        if when > today:
            raise CasekitError(
                f"arrived on {when} is after today ({today}).",
                field="arrived on",
                advice="Give the day the answer actually arrived.",
            )
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            current = self._clock(state, case, clock)
            if current.status != "stopped":
                raise CasekitError(f"The {clock} clock is not stopped.", field="clock")
            resumed = clockmath.restart(current, when)
            return self.ws.append(
                "clock_restarted",
                {
                    "clock": clock,
                    "arrived_on": when.isoformat(),
                    "afresh": resumed.anchor == current.pauses[-1].awaiting,
                    "due": resumed.due.isoformat(),
                },
                case=case_ref,
            )
