"""The what-if calculator: when is a reply due, and why, for a request received on a date.

Learners, tutors and officers ask "it came in on Good Friday: when is the FOI due?".
This answers with the same rules the workflow applies (:mod:`casekit.rules.clocks`) and
the ledger that explains the date (:mod:`casekit.rules.ledger`), for a statutory clock,
a complaint at stage 1 or 2, or a member-enquiry clock of the profile.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from casekit.errors import CasekitError
from casekit.inputs.dates import parse_when, uk_date
from casekit.rules import clocks as clockmath
from casekit.rules.ledger import Ledger, day_words, explain
from casekit.rules.profile import Profile, load_profile

# kind -> (clock, service level) and what a person calls it
KINDS: dict[str, tuple[str, str | None, str]] = {
    "foi": ("foi", None, "Freedom of Information request (20 working days)"),
    "eir": ("eir", None, "Environmental Information Regulations request (20 working days)"),
    "sar": ("sar", None, "Subject access request (one month)"),
    "complaint": ("respond", "complaint", "Complaint, stage 1 response"),
    "complaint-stage2": ("respond", "complaint_stage2", "Complaint, stage 2 response"),
    "acknowledgement": ("acknowledge", "member_enquiry", "Member enquiry: acknowledgement"),
    "response": ("respond", "member_enquiry", "Member enquiry: full response"),
}


def _when(value: date | datetime | str | None, name: str) -> date | datetime | None:
    if value is None or value == "":
        return None
    return parse_when(value, name)


def what_if(
    kind: str,
    received: date | datetime | str,
    *,
    clarified: date | datetime | str | None = None,
    asked: date | datetime | str | None = None,
    acknowledged: date | datetime | str | None = None,
    profile: str = "default",
) -> Ledger:
    """The deadline of a ``kind`` of request received at ``received``, with its ledger.

    ``clarified``: the day the answer to a clarification arrived (FOI and EIR start
    afresh from it; a subject access request is paused from ``asked``, which it then
    needs). ``acknowledged``: the day a complaint was acknowledged (its response counts
    from it). Dates may be ISO (2026-04-03, 2026-04-03T16:45) or day first (03/04/2026).
    """
    if kind not in KINDS:
        raise CasekitError(
            f"'{kind}' is not a kind of clock.",
            field="kind",
            advice=f"Choose one of: {', '.join(KINDS)}.",
        )
    clock_id, level, _ = KINDS[kind]
    loaded = load_profile(profile)
    when = _when(received, "received")
    if when is None:
        raise CasekitError("Give the date the request was received.", field="received")
    ack = _when(acknowledged, "acknowledged")
    spec_probe = clockmath.start_clock(loaded, clock_id, when, case_kind=level)
    if ack is not None and spec_probe.spec.counted_from != "acknowledgement":
        raise CasekitError(
            f"A {KINDS[kind][2].lower()} is not counted from an acknowledgement.",
            field="acknowledged",
            advice="Leave the acknowledgement date out, or choose a complaint.",
        )
    if ack is not None and uk_date(ack) < spec_probe.started:
        raise CasekitError(
            "The acknowledgement cannot come before the request was received.",
            field="acknowledged",
        )
    clock = clockmath.start_clock(loaded, clock_id, when, case_kind=level, acknowledged=ack)
    answer = _when(clarified, "clarified")
    question = _when(asked, "asked")
    if answer is not None:
        clock = _clarify(clock, loaded, uk_date(answer), question)
    elif question is not None:
        raise CasekitError(
            "Give the date the clarification arrived (clarified) as well as when it was asked.",
            field="clarified",
        )
    ledger = replace(explain(clock), time_known=isinstance(when, datetime))
    if clock.spec.counted_from == "acknowledgement" and level is not None:
        ack_clock = clockmath.start_clock(loaded, "acknowledge", when, case_kind=level)
        note = f"Acknowledge by {day_words(ack_clock.due)} ({ack_clock.spec.length} working days)."
        ledger = replace(ledger, notes=(note, *ledger.notes))
    return ledger


def _clarify(
    clock: clockmath.Clock, profile: Profile, answer: date, asked: date | datetime | None
) -> clockmath.Clock:
    if clock.spec.role != "statutory":
        raise CasekitError(
            "Only a statutory request (FOI, EIR, subject access) is clarified this way.",
            field="clarified",
        )
    restarts = "clarification" in clock.spec.restart_on
    if asked is None and not restarts:
        raise CasekitError(
            f"A {clock.label} is paused while a clarification is awaited: give the date it "
            "was asked for (asked) too.",
            field="asked",
        )
    asked_on = uk_date(asked) if asked is not None else clock.started
    if not clock.started <= asked_on <= answer:
        raise CasekitError(
            "The clarification must be asked on or after receipt, and answered on or after "
            "it was asked.",
            field="clarified",
        )
    stopped = clockmath.stop(
        clock, asked_on, "clarification asked", profile=profile, awaiting="clarification"
    )
    return clockmath.restart(stopped, answer)
