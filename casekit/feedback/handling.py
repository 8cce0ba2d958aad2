"""How a case was handled, read from its log: the slips the protocol names, one function each.

The coach's common mistakes, the coverage's soundness checks and the simulated satisfaction
all ask the same questions of a case (was it acknowledged late? was a deadline missed with
no holding reply? did a reply go out without the member's approval?), so they are answered
once, here, from the projection (:class:`~casekit.record.projection.Case`, its replayed
clocks and the day it is judged on). Each answer is a :class:`Slip`: the mistake id its
wording lives under in ``casekit/data/coaching.toml``, the values the wording needs, and the
events that show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casekit.inputs.dates import stored_day
from casekit.inputs.names import name_key
from casekit.record.log import Event
from casekit.record.projection import Case

OPEN = ("running", "stopped")


@dataclass(frozen=True)
class Slip:
    """One slip on a case: ``mistake`` is its id in the coaching texts."""

    mistake: str
    case: str
    values: dict[str, Any] = field(default_factory=dict)
    events: tuple[int, ...] = ()


def _day(at: str | date) -> date:
    return at if isinstance(at, date) else stored_day(at)


def _first_after(case: Case, kinds: tuple[str, ...], day: date) -> Event | None:
    """The first event of ``kinds`` on the case dated after ``day``."""
    return next((e for e in case.timeline if e.kind in kinds and _day(e.at) > day), None)


def _promises(clock: Any) -> list[date]:
    """The new dates of holding replies sent in time (each by the deadline or the date the
    one before promised), in order: a later one moves the promise on."""
    return [c.new_date for c in clock.history if c.action == "held" and c.new_date is not None]


def deadline_slips(case: Case, clocks: Mapping[str, Any], today: date) -> list[Slip]:
    """Late acknowledgements, response deadlines missed with no holding reply (or a holding
    reply's promised date passed), extensions asked after the deadline, statutory clocks
    missed. A clock still running on a closed case is not held against the learner."""
    out: list[Slip] = []
    is_open = case.status == "open"
    for clock_id, ops in case.clock_ops.items():
        clock = clocks.get(clock_id)
        if clock is None:
            continue
        overdue = clock.status == "missed" or (
            clock.status in OPEN and is_open and today > clock.due
        )
        if ops.role == "acknowledge" and overdue:
            out.append(_late_acknowledgement(case, clock, today))
        elif ops.role == "respond" and overdue:
            out.extend(_late_response(case, clock, today))
        elif (
            not ops.role
            and not ops.passed_on
            and (clock.status == "missed" or (clock.status in OPEN and today > clock.due))
        ):
            out.append(_statutory(case, clock))
    for e in case.timeline:
        if e.kind == "clock_extended" and e.data.get("late"):
            clock = clocks.get(str(e.data.get("clock")))
            out.append(
                Slip(
                    "extension_after_deadline",
                    case.ref,
                    {
                        "case": case.ref,
                        "clock": clock.label if clock is not None else e.data.get("clock"),
                        "day": _day(e.at).isoformat(),
                        "due": clock.due.isoformat() if clock is not None else "?",
                    },
                    (e.seq,),
                )
            )
    return out


def _late_acknowledgement(case: Case, clock: Any, today: date) -> Slip:
    if clock.completed_on is not None:
        late = _first_after(case, ("acknowledgement_sent", "reply_sent"), clock.due)
        what = f"the acknowledgement went on {clock.completed_on.isoformat()}, after it was due"
        seqs = (late.seq,) if late is not None else ()
    else:
        what = "the enquiry has still not been acknowledged"
        seqs = (case.timeline[0].seq,) if case.timeline else ()
    return Slip(
        "late_acknowledgement",
        case.ref,
        {"case": case.ref, "due": clock.due.isoformat(), "what": what},
        seqs,
    )


def _late_response(case: Case, clock: Any, today: date) -> list[Slip]:
    """A late response is a slip unless a holding reply went in time and its promised date
    has not passed (then it is a slip only once the promise is broken)."""
    reply = _first_after(case, ("reply_sent",), clock.due) if clock.completed_on else None
    promises = _promises(clock)
    if promises:
        promised = promises[-1]
        done = clock.completed_on
        if (done is not None and done <= promised) or (done is None and today <= promised):
            return []
        what = f"the reply went on {done.isoformat()}" if done is not None else "no reply has gone"
        held = [e.seq for e in case.holding_replies]
        return [
            Slip(
                "promised_date_missed",
                case.ref,
                {"case": case.ref, "promised": promised.isoformat(), "what": what},
                tuple(held[-1:]) + ((reply.seq,) if reply is not None else ()),
            )
        ]
    what = "the reply went late" if clock.status == "missed" else "it is still unanswered"
    return [
        Slip(
            "no_holding_reply",
            case.ref,
            {"case": case.ref, "due": clock.due.isoformat(), "what": what},
            (reply.seq,) if reply is not None else (),
        )
    ]


def _statutory(case: Case, clock: Any) -> Slip:
    if clock.status == "missed":
        what = f"the response went on {clock.completed_on.isoformat()}, after the deadline"
    else:
        what = "no statutory response has gone"
    started = [e.seq for e in case.timeline if e.kind == "clock_started"]
    return Slip(
        "statutory_deadline_missed",
        case.ref,
        {"case": case.ref, "clock": clock.label, "due": clock.due.isoformat(), "what": what},
        tuple(started[:1]),
    )


def approval_slips(case: Case) -> list[Slip]:
    """Replies that went without the member's approval of that text, or against it (on a
    draft the member returned, or with words changed since the approval)."""
    from casekit.drafting.approval import APPROVED, decision_on, text_digest

    out: list[Slip] = []
    for reply in case.replies:
        day = _day(reply.at).isoformat()
        values = {"case": case.ref, "day": day}
        draft_id = reply.data.get("draft_id")
        decision = decision_on(case, draft_id) if isinstance(draft_id, str) else None
        if decision is not None and decision.seq > reply.seq:
            decision = None  # decided after the reply went: no approval when it was sent
        if decision is None:
            what = "with no draft on record" if not draft_id else f"on draft {draft_id}"
            out.append(
                Slip(
                    "reply_without_approval",
                    case.ref,
                    {**values, "what": f"{what}, which the member never approved"},
                    (reply.seq,),
                )
            )
            continue
        if decision.kind != APPROVED:
            what = f"on draft {draft_id}, which the member returned"
        else:
            approved = decision.data.get("text_sha256")
            sent = reply.data.get("text_sha256") or (
                text_digest(reply.get("text")) if isinstance(reply.get("text"), str) else None
            )
            if not approved or not sent or approved == sent:
                continue
            what = f"with words changed since the member approved draft {draft_id}"
        out.append(
            Slip(
                "reply_against_approval",
                case.ref,
                {**values, "what": what},
                (decision.seq, reply.seq),
            )
        )
    return out


def unverified_slips(case: Case) -> list[Slip]:
    """Facts passed on before they were verified: in a reply, or in a referral."""
    out: list[Slip] = []
    for reply in case.replies:
        unverified = reply.data.get("unverified") or []
        if unverified:
            reason = reply.data.get("unverified_reason")
            out.append(
                Slip(
                    "unverified_passed_on",
                    case.ref,
                    {
                        "case": case.ref,
                        "action": "the reply went",
                        "facts": ", ".join(unverified),
                        "reason": f" (reason given: {reason})" if reason else "",
                    },
                    (reply.seq,),
                )
            )
    for referral in case.referrals:
        pending = [
            f.id
            for f in case.facts.values()
            if _recorded_before(f.id, case, referral.seq)
            and not settled_before(case, f.id, referral.seq)
        ]
        if pending:
            out.append(
                Slip(
                    "unverified_passed_on",
                    case.ref,
                    {
                        "case": case.ref,
                        "action": "the case was referred to a service",
                        "facts": ", ".join(pending),
                        "reason": "",
                    },
                    (referral.seq,),
                )
            )
    return out


def _recorded_before(fact_id: str, case: Case, seq: int) -> bool:
    return any(
        e.kind == "fact_recorded" and e.data.get("fact_id") == fact_id and e.seq < seq
        for e in case.timeline
    )


def settled_before(case: Case, fact_id: str, seq: int | None = None) -> bool:
    """Whether the fact's last check (before event ``seq``, if given) settled it: confirmed,
    or a discrepancy or stale record whose resolution is recorded."""
    checks = [
        e
        for e in case.timeline
        if e.kind == "fact_verified"
        and e.data.get("fact_id") == fact_id
        and (seq is None or e.seq < seq)
    ]
    if not checks:
        return False
    last = checks[-1]
    result = last.data.get("result")
    return result == "confirmed" or (
        result in ("discrepancy", "stale")
        and bool(last.data.get("resolved") or last.get("resolution"))
    )


def consent_missing(case: Case) -> list[int]:
    """Referrals and shares made, on a case the learner logged as raised for someone else,
    before that person's own consent was recorded (the log's own word: keyless)."""
    if not case.on_behalf_of:
        return []
    subject = name_key(str(case.on_behalf_of.get("name", "")))
    if not subject:
        return []
    given = [
        c.seq
        for c in case.consents
        if name_key(str(c.get("given_by", ""))) == subject and not c.data.get("withdrawn")
    ]
    first = min(given, default=None)
    return [
        e.seq
        for e in case.timeline
        if e.kind in ("referred_to_service", "shared_with_third_party")
        and (first is None or e.seq < first)
    ]


def late_same_day_escalations(
    case: Case, routes: tuple[str, ...], arrived: date, calendar: Any
) -> list[int]:
    """Escalations by a same-day route (safeguarding) made after the working day the
    enquiry arrived on (a weekend arrival is on time on the next working day)."""
    return [
        e.seq
        for e in case.escalations
        if e.data.get("route_id") in routes
        and calendar.working_days_between(calendar.roll_forward(arrived), _day(e.at)) > 0
    ]
