"""Deadlines that explain themselves: the what-if calculator and "why this date?".

The calculator answers "received on this date (and time), when is the reply due, and
why?" for a statutory request (FOI, EIR, subject access), a complaint at stage 1 or 2, or
a member-enquiry clock of a profile, with the same rules the workflow applies. The
ledger of a case's deadline explains it day by day.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casekit.record.workspace import Workspace
    from casekit.rules.ledger import Ledger

__all__ = [
    "clock_kinds",
    "clock_profiles",
    "deadline_ledger",
    "parse_uk_date",
    "what_if_clock",
]


def clock_kinds() -> dict[str, str]:
    """The kinds of clock the calculator knows, each with what a person calls it.

    Returns
    -------
    dict
        ``foi``, ``eir``, ``sar``, ``complaint``, ``complaint-stage2``,
        ``acknowledgement`` and ``response``, to their labels.
    """
    from casekit.rules.whatif import KINDS

    return {kind: label for kind, (_, _, label) in KINDS.items()}


def clock_profiles() -> list[str]:
    """The protocol profiles shipped with casekit (``default``, ``five-day``...).

    Returns
    -------
    list of str
    """
    from casekit.rules.profile import available_profiles

    return available_profiles()


def what_if_clock(
    kind: str,
    received: date | datetime | str,
    *,
    clarified: date | datetime | str | None = None,
    asked: date | datetime | str | None = None,
    acknowledged: date | datetime | str | None = None,
    profile: str = "default",
) -> Ledger:
    """When a reply is due, and why, for a request received at ``received``.

    Parameters
    ----------
    kind
        One of :func:`clock_kinds`.
    received
        The date (and time) received: ``2026-04-03``, ``2026-04-03T16:45`` or the UK way,
        ``03/04/2026``. A time with a zone is taken in UK local time (Europe/London).
    clarified
        The day the answer to a clarification arrived (FOI and EIR start afresh from it).
    asked
        The day the clarification was asked for (needed for a subject access request,
        which is paused from then).
    acknowledged
        The day a complaint was acknowledged (its response is counted from it).
    profile
        A shipped profile's name or a profile file's path.

    Returns
    -------
    Ledger
        ``due``, ``day_one``, every day with whether it counted and why, the rule, the
        calendar and the sources; ``as_dict()`` for JSON, ``lines()`` for text.
    """
    from casekit.rules.whatif import what_if

    return what_if(
        kind,
        received,
        clarified=clarified,
        asked=asked,
        acknowledged=acknowledged,
        profile=profile,
    )


def deadline_ledger(ws: Workspace, case_ref: str, clock: str) -> Ledger:
    """Why a case's deadline falls where it does ("why this date?").

    Parameters
    ----------
    ws
        An open workspace.
    case_ref
        The case (``CK-0001``).
    clock
        One of the case's clocks (``acknowledge``, ``respond``, ``foi``...).

    Returns
    -------
    Ledger
        Every day from receipt to the due date, counted or not, and why.
    """
    from casekit.feedback.monitoring import deadline_ledger as ledger

    return ledger(ws.state(), case_ref, clock)


def parse_uk_date(value: str, name: str = "date") -> date | datetime:
    """A date typed by a person: ISO or the UK way, day first (``03/04/2026 16:45``).

    Parameters
    ----------
    value
        The text typed.
    name
        The field's name, for the refusal.

    Returns
    -------
    date or datetime
        A date, or a UK local date and time when a time was given.
    """
    from casekit.inputs.dates import parse_when

    return parse_when(value, name)
