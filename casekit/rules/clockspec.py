"""What the protocol profile says about one clock: its length, calendar, counting rule,
pauses, extension limit and notice window, and the source of each.

A clock is either a role of a service level (``acknowledge`` or ``respond`` for a
member enquiry, a complaint at stage 1 or 2...) or a statutory clock (``foi``, ``eir``,
``sar``). Resolving it here, once, lets the clock arithmetic and the ledger that explains
it read the same rules.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from casekit.errors import CasekitError
from casekit.rules.calendar import UK
from casekit.rules.profile import Profile

SERVICE_CLOCKS = ("acknowledge", "respond")
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
    receipt_rule: str  # "next_working_day" or "same_day"
    profile: str  # the profile file, so stop/restart can cite its rules
    case_kind: str | None = None  # the service level, for acknowledge/respond
    holding_reply: bool = False
    holding_reply_within_wd: int = 1
    role: str = "statutory"  # "acknowledge", "respond" or "statutory"
    counted_from: str = "receipt"  # or "acknowledgement"
    counting_source: str = ""
    restart_on: tuple[str, ...] = ()
    pause_unit: str = WORKING_DAYS
    pause_includes_day_asked: bool = False
    pause_source: str = ""
    extension_source: str = ""
    extension_after_deadline: str = "record_late"


def level_label(profile: Profile, case_kind: str) -> str:
    """How a service level is named: its ``label``, or its key with spaces."""
    level = profile.service_level(case_kind)
    return level.label or case_kind.replace("_", " ")


def clock_spec(profile: Profile, clock_id: str, *, case_kind: str | None = None) -> ClockSpec:
    """Resolve a clock from the profile: a case kind's service level or a statutory clock.

    Profiles are immutable (an edited file loads as a new profile), so each resolution is
    remembered: the projection resolves the same few clocks for every case.
    """
    return _resolved(profile, clock_id, case_kind)


@functools.lru_cache(maxsize=256)
def _resolved(profile: Profile, clock_id: str, case_kind: str | None) -> ClockSpec:
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
            label=f"{what} ({level_label(profile, case_kind)})",
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
            role=clock_id,
            counted_from="receipt" if acknowledge else level.respond_counted_from,
            counting_source=f"{profile.name}: [calendar] receipt_on_non_working_day = "
            f"{settings.receipt_on_non_working_day!r}",
            extension_source=level.source,
            extension_after_deadline=level.extension_after_deadline,
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
        receipt_rule=statutory.receipt_on_non_working_day or settings.receipt_on_non_working_day,
        profile=str(profile.path),
        case_kind=case_kind,
        role="statutory",
        counting_source=statutory.counting_source or statutory.source,
        restart_on=statutory.restart_on,
        pause_unit=statutory.pause_unit,
        pause_includes_day_asked=statutory.pause_includes_day_asked,
        pause_source=statutory.pause_source or statutory.source,
        extension_source=statutory.extension_source or statutory.source,
        extension_after_deadline=statutory.extension_after_deadline,
    )
