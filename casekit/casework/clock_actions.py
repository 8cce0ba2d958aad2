"""Clocks a learner acts on: starting a statutory clock found inside a case, extending,
stopping and restarting one."""

from __future__ import annotations

from typing import Any

from casekit import inputs
from casekit.casework.base import CaseworkBase
from casekit.errors import CasekitError
from casekit.record.log import Event
from casekit.record.projection import Case, State
from casekit.rules.vocabulary import (
    STATUTORY_CLOCKS,
)


class ClockActions(CaseworkBase):
    def start_clock(self, case_ref: str, clock: str, *, received_at: Any = None) -> Event:
        """Start a statutory clock (FOI, EIR, subject access) found inside a case."""
        inputs.choice(clock, "clock", {c: c for c in STATUTORY_CLOCKS})
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            if clock in case.clock_ops:
                raise CasekitError(
                    f"The {clock.upper()} clock is already running on {case_ref}.", field="clock"
                )
            when = (
                inputs.as_datetime(received_at, "received at")
                if received_at
                else inputs.as_datetime(case.received_at, "received at")
            )
            spec = self.profile.statutory[clock]
            from casekit.rules import clocks as clockmath

            clockmath.start_clock(self.profile, clock, when, case_kind=case.kind)  # in calendar?
            return self.ws.append(
                "clock_started",
                {
                    "clock": clock,
                    "received_at": when.isoformat(timespec="minutes"),
                    "source": spec.source,
                },
                case=case_ref,
            )

    def _clock(self, state: State, case: Case, clock: str) -> Any:
        clocks = state.clocks(case)
        if not isinstance(clock, str) or clock not in clocks:
            raise CasekitError(f"There is no {clock} clock on {case.ref}.", field="clock")
        return clocks[clock]

    def extend_clock(
        self, case_ref: str, clock: str, *, reason: str, working_days: int = 0, months: int = 0
    ) -> Event:
        from casekit.rules import clocks as clockmath

        reason = inputs.text(
            reason, "reason", required=False, limit=1000
        )  # empty: the rule refuses
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            current = self._clock(state, case, clock)
            extended = clockmath.extend(
                current, self.profile, working_days=working_days, months=months, reason=reason
            )
            return self.ws.append(
                "clock_extended",
                {
                    "clock": clock,
                    "working_days": working_days,
                    "months": months,
                    "reason": reason.strip(),
                    "due": extended.due.isoformat(),
                },
                case=case_ref,
            )

    def stop_clock(self, case_ref: str, clock: str, *, reason: str) -> Event:
        if not isinstance(reason, str) or not reason.strip():
            raise self._refuse("extension-needs-reason")
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            current = self._clock(state, case, clock)
            if current.status == "stopped":
                raise CasekitError(f"The {clock} clock is already stopped.", field="clock")
            return self.ws.append(
                "clock_stopped", {"clock": clock, "reason": reason.strip()}, case=case_ref
            )

    def restart_clock(self, case_ref: str, clock: str) -> Event:
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            current = self._clock(state, case, clock)
            if current.status != "stopped":
                raise CasekitError(f"The {clock} clock is not stopped.", field="clock")
            return self.ws.append("clock_restarted", {"clock": clock}, case=case_ref)
