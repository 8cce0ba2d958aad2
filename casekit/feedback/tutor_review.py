"""What the kit accepted but a tutor should confirm: the learner's word on something the
simulation cannot check.

Two learner actions are accepted on trust and flagged "for your tutor to confirm":

- the member's approval recorded by another route (by phone, at a surgery, by email):
  who approved, when and how (``draft_approved`` with ``tutor_to_confirm``);
- a DPA 2018 Sch. 1 para 23(2) reason recorded instead of consent (``consent_recorded``
  with ``para_23_reason``): whether the reason truly applies is a judgement.

:func:`for_tutor_to_confirm` lists them from the projection, so the coaching, the tutor's
view and the evidence pack can show them without reading the log themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casekit.record.projection import State
from casekit.rules.vocabulary import APPROVAL_ROUTES, PARA_23_2_REASONS

APPROVAL_ANOTHER_WAY = "approval-another-way"
PARA_23_REASON = "para-23-2-reason"


@dataclass(frozen=True)
class ForTutor:
    """One thing a tutor should confirm, with what the learner recorded."""

    kind: str  # APPROVAL_ANOTHER_WAY or PARA_23_REASON
    case: str
    seq: int
    at: str
    summary: str  # one line for a list, in the learner's words where they gave them
    details: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "case": self.case,
            "seq": self.seq,
            "at": self.at,
            "summary": self.summary,
            "details": dict(self.details),
        }


def _approval(case_ref: str, e: Any) -> ForTutor:
    how = APPROVAL_ROUTES.get(str(e.data.get("route")), str(e.data.get("route")))
    who = e.get("approved_by") or "(name erased)"
    when = str(e.data.get("approved_at", "")).replace("T", " ")
    return ForTutor(
        kind=APPROVAL_ANOTHER_WAY,
        case=case_ref,
        seq=e.seq,
        at=e.at,
        summary=f"Draft {e.data.get('draft_id')} approved {how.lower()} by {who} on {when}: "
        "for your tutor to confirm.",
        details={
            "draft_id": e.data.get("draft_id"),
            "route": e.data.get("route"),
            "approved_by": who,
            "approved_at": e.data.get("approved_at"),
            "note": e.get("note") or "",
        },
    )


def _para_23(case_ref: str, e: Any) -> ForTutor:
    reason = str(e.data.get("para_23_reason"))
    words = PARA_23_2_REASONS.get(reason, reason)
    recipient = e.get("recipient") or "(name erased)"
    return ForTutor(
        kind=PARA_23_REASON,
        case=case_ref,
        seq=e.seq,
        at=e.at,
        summary=f"Acted without consent for {recipient}: {words}. For your tutor to review.",
        details={
            "para_23_reason": reason,
            "recipient": recipient,
            "given_by": e.get("given_by") or "",
            "explanation": e.get("explanation") or "",
            "evidence": e.data.get("evidence", ""),
        },
    )


def for_tutor_to_confirm(state: State) -> list[ForTutor]:
    """Everything the learner recorded that a tutor should confirm, in log order."""
    found: list[ForTutor] = []
    for case in state.cases.values():
        for e in case.approvals:
            if e.kind == "draft_approved" and e.data.get("tutor_to_confirm"):
                found.append(_approval(case.ref, e))
        for e in case.consents:
            if e.data.get("para_23_reason"):
                found.append(_para_23(case.ref, e))
    return sorted(found, key=lambda item: item.seq)
