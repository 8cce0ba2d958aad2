"""Clocks replayed from the log: each case's deadlines, recomputed from what was done.

The projection records, per clock, the operations the log holds (extended, stopped,
restarted, acknowledged, held by a holding reply, completed); this module replays them
through :mod:`casekit.rules.clocks` with the profile's calendars, so every view of a
deadline is computed the same way.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.inputs.dates import uk_date, uk_datetime

if TYPE_CHECKING:
    from casekit.record.projection import Case, ClockOps
    from casekit.rules.profile import Profile


def service_level_of(profile: Profile, case: Case, ops: ClockOps) -> str:
    """The service level a case's acknowledge/respond clock follows: its own (a complaint's
    stage 2), the case kind's, or, for a kind with none (an FOI logged as a case), the
    member enquiry's: the underlying problem still gets its answer on time."""
    if ops.level and ops.level in profile.service_levels:
        return ops.level
    return case.kind if case.kind in profile.service_levels else "member_enquiry"


def build_clocks(profile: Profile, case: Case) -> dict[str, Any]:
    """Replay each clock's operations through :mod:`casekit.rules.clocks`."""
    from casekit.errors import CasekitError
    from casekit.rules import clocks as clockmath

    out: dict[str, Any] = {}
    for clock_id, ops in case.clock_ops.items():
        received = uk_datetime(ops.started)
        if ops.role:
            level = service_level_of(profile, case, ops)
            clock = clockmath.start_clock(profile, ops.role, received, case_kind=level)
        else:
            clock = clockmath.start_clock(profile, clock_id, received, case_kind=case.kind)
        for op, data, at in ops.ops:
            on = uk_date(at)
            try:
                clock = _replay(clockmath, profile, clock, op, data, on)
            except CasekitError:
                continue  # guards refuse these before they are logged; replay stays total
        out[clock_id] = clock
    return out


def _replay(clockmath: Any, profile: Profile, clock: Any, op: str, data: dict, on: date) -> Any:
    """One logged operation applied to a clock."""
    if op == "extend":
        return clockmath.extend(
            clock,
            profile,
            working_days=int(data.get("working_days") or 0),
            months=int(data.get("months") or 0),
            reason=str(data.get("reason", "")),
            on=uk_date(data["told_on"]) if data.get("told_on") else on,
        )
    if op == "stop":
        return clockmath.stop(
            clock,
            on,
            str(data.get("reason", "")),
            profile=profile,
            awaiting=str(data.get("awaiting") or "other"),
        )
    if op == "restart":
        when = uk_date(data["arrived_on"]) if data.get("arrived_on") else on
        return clockmath.restart(clock, when)
    if op == "acknowledged":
        return clockmath.acknowledged_on(clock, on)
    if op == "hold":
        return clockmath.hold(clock, on, uk_date(data["new_date"]), str(data.get("reason", "")))
    if op == "complete" and clock.status in ("running", "stopped"):
        return clockmath.complete(clock, on)
    return clock
