"""Scoring: how the simulated people's answers follow from how the case was handled.

Each handling problem (a factor of ``casekit/data/satisfaction.toml``) is read from the log
by :mod:`casekit.feedback.handling`, the same reading the coach and the coverage use: a
slow reply, but also a broken protocol (a reply without the member's approval, facts passed
on unverified, a third party's consent missing, a safeguarding concern not escalated the
same day). A missed safeguarding concern or a wrong person's consent is only certain with
the tutor's answer key: given one, the planted traps it judges mishandled or missed count
too. Each stakeholder weighs the problems with their own weights.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.casework.satisfaction.rules import FACTORS, SatisfactionRules, Stakeholder
from casekit.inputs.dates import stored_day

if TYPE_CHECKING:
    from casekit.record.projection import Case

FAILED = ("mishandled", "missed")


def handling_factors(
    case: Case,
    clocks: Mapping[str, Any],
    today: date,
    *,
    rules: SatisfactionRules | None = None,
    traps: Mapping[str, str] | None = None,
    calendar: Any = None,
) -> dict[str, int]:
    """Read from a case how it was handled: each problem 0/1, returned drafts counted.

    ``traps`` maps planted trap ids to the coach's status for them (with a key); a factor
    whose ``traps`` include a mishandled or missed one counts. ``calendar`` counts the
    working days of same-day escalations (without it, calendar days).
    """
    from casekit.feedback import handling

    factors = rules.factors if rules is not None else {}
    slips = {s.mistake for s in handling.deadline_slips(case, clocks, today)}
    acknowledge = clocks.get("acknowledge")
    finals = [r for r in case.replies if r.data.get("final", True)]
    service_answered = [stored_day(s.at) for s in case.service_replies]
    first_final = min((r for r in finals), key=lambda r: r.seq, default=None)
    excused_by = factors["reply_before_service_answer"].excused_by if factors else ()
    excused = first_final is not None and any(
        e.data.get("route_id") in excused_by and e.seq < first_final.seq for e in case.escalations
    )
    before_service = (
        bool(case.referrals)
        and first_final is not None
        and not excused
        and (not service_answered or stored_day(first_final.at) < min(service_answered))
    )
    found = {
        "late_reply": int(bool(slips & {"no_holding_reply", "promised_date_missed"})),
        "no_holding_reply": int("no_holding_reply" in slips),
        "no_acknowledgement": int(not case.acknowledgements),
        "late_acknowledgement": int(
            bool(case.acknowledgements)
            and acknowledge is not None
            and acknowledge.status == "missed"
        ),
        "unverified_facts": int(
            any(r.data.get("unverified") for r in finals) or bool(case.unsettled_facts())
        ),
        "reply_before_service_answer": int(before_service),
        "returned_drafts": sum(1 for e in case.approvals if e.kind == "draft_returned"),
        "unapproved_reply": int(bool(handling.approval_slips(case))),
        "consent_missing": int(bool(handling.consent_missing(case))),
        "missed_safeguarding": int(_late_safeguarding(case, factors, calendar)),
    }
    for fid, factor in factors.items():
        if traps and any(traps.get(t) in FAILED for t in factor.traps):
            found[fid] = max(found.get(fid, 0), 1)
    return found


def _late_safeguarding(case: Case, factors: Mapping[str, Any], calendar: Any) -> bool:
    """A safeguarding escalation made after the day the enquiry arrived (keyless: whether
    one was needed at all only the answer key knows)."""
    routes = factors["missed_safeguarding"].routes if "missed_safeguarding" in factors else ()
    if not routes:
        return False
    arrived = stored_day(case.received_at)
    if calendar is None:
        return any(
            e.data.get("route_id") in routes and stored_day(e.at) > arrived
            for e in case.escalations
        )
    from casekit.feedback import handling

    return bool(handling.late_same_day_escalations(case, routes, arrived, calendar))


def grade(case: Case, factors: Mapping[str, int], rules: SatisfactionRules) -> str:
    """The WriteToThem grade of the constituent's answer to "did you get a reply?"."""
    if any(r.data.get("final", True) for r in case.replies):
        if any(factors.get(f) for f in rules.not_answered_if):
            return "replied_not_answered"
        return "replied"
    if case.replies or case.holding_replies or case.acknowledgements:
        return "acknowledgement_only"
    return "no_reply"


def score(
    stakeholder: Stakeholder, factors: Mapping[str, int], rules: SatisfactionRules, seed: str
) -> tuple[int, list[str]]:
    """A stakeholder's score and the problems that lowered it (heaviest first)."""
    penalties: dict[str, int] = {}
    for fid, count in factors.items():
        weight = stakeholder.weights.get(fid, 0)
        cap = rules.factors[fid].cap if fid in rules.factors else None
        counted = min(count, cap) if cap is not None else count
        if weight and counted:
            penalties[fid] = weight * counted
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))
    raw = rules.start - sum(penalties.values()) + rng.choice(rules.jitter)
    value = max(rules.scale_min, min(rules.scale_max, raw))
    order = {f: n for n, f in enumerate(FACTORS)}
    reasons = sorted(penalties, key=lambda f: (-penalties[f], order.get(f, len(order))))
    return value, reasons
