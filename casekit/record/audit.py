"""One plain-English line per event: the audit trail as people read it.

Used by ``casekit log``, the monitoring screens and the evidence pack's ``audit.csv``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from casekit.record.log import Event
from casekit.rules.vocabulary import CASE_KINDS, CATEGORIES

_SUMMARIES: dict[str, Callable[[Event], str]] = {
    "workspace_created": lambda e: f"workspace created (profile {e.data.get('profile')})",
    "learner_details_recorded": lambda e: "learner details recorded",
    "council_defined": lambda e: f"council defined: {e.data.get('name')}",
    "pack_loaded": lambda e: (
        f"scenario pack {e.data.get('pack_id')} loaded "
        f"(seed {e.data.get('seed')}, {e.data.get('difficulty')})"
    ),
    "inbox_item_delivered": lambda e: f"enquiry arrived by {e.data.get('channel')}",
    "enquiry_received": lambda e: (
        f"{CASE_KINDS.get(e.data.get('case_kind'), '?')} logged: "
        f"{CATEGORIES.get(e.data.get('category'), '?')}, by {e.data.get('channel')}"
    ),
    "duplicate_linked": lambda e: f"linked as duplicate of {e.data.get('other')}",
    "fact_recorded": lambda e: f"fact {e.data.get('fact_id')} recorded: {e.get('statement', '')}",
    "fact_verified": lambda e: (
        f"fact {e.data.get('fact_id')} checked with {e.data.get('source')}: {e.data.get('result')}"
    ),
    "contact_logged": lambda e: (
        f"{e.data.get('direction')} {e.data.get('channel')} with {e.get('party', '')}"
    ),
    "acknowledgement_sent": lambda e: f"acknowledged, owner {e.data.get('owner')}",
    "referred_to_service": lambda e: f"referred to {e.data.get('service_name')}",
    "consent_recorded": lambda e: f"consent recorded for {e.get('recipient', '')}",
    "shared_with_third_party": lambda e: f"shared with {e.get('recipient', '')}",
    "escalated": lambda e: f"escalated to {e.data.get('route')} ({e.data.get('source')})",
    "clock_started": lambda e: (
        f"{str(e.data.get('clock')).upper()} clock started ({e.data.get('source')})"
    ),
    "clock_extended": lambda e: (
        f"{e.data.get('clock')} clock extended to {e.data.get('due')}: {e.data.get('reason')}"
    ),
    "clock_stopped": lambda e: f"{e.data.get('clock')} clock stopped: {e.data.get('reason')}",
    "clock_restarted": lambda e: f"{e.data.get('clock')} clock restarted",
    "holding_reply_sent": lambda e: (
        f"holding reply to {e.data.get('to')}: new date {e.data.get('new_date')}"
    ),
    "reply_sent": lambda e: "reply sent" + (" (final)" if e.data.get("final", True) else ""),
    "case_closed": lambda e: f"closed: {e.data.get('outcome')}",
    "case_reopened": lambda e: f"reopened: {e.data.get('reason')}",
    "clock_advanced": lambda e: (
        f"clock advanced {e.data.get('working_days')} working day(s) "
        f"to {str(e.data.get('to'))[:10]}"
    ),
    "personal_data_erased": lambda e: (
        f"personal data erased from {len(e.data.get('seqs', []))} "
        f"events ({e.data.get('policy_days')}-day retention)"
    ),
    "service_replied": lambda e: f"{e.data.get('service', 'service')} replied",
    "constituent_chased": lambda e: "constituent chased",
    "record_changed": lambda e: f"council record changed: {e.data.get('record', '')}",
    "draft_saved": lambda e: (
        f"draft {e.data.get('draft_id')} saved "
        f"({e.data.get('letter_kind')}, {len(e.data.get('findings', []))} findings)"
    ),
    "draft_submitted": lambda e: f"draft {e.data.get('draft_id')} sent to the member",
    "draft_approved": lambda e: f"draft {e.data.get('draft_id')} approved by the member",
    "draft_returned": lambda e: f"draft {e.data.get('draft_id')} returned by the member",
    "feedback_requested": lambda e: f"feedback requested from {e.data.get('stakeholder')}",
    "feedback_received": lambda e: (
        f"feedback from {e.data.get('stakeholder')}: {e.data.get('score')}/5"
    ),
    "follow_up_recorded": lambda e: f"follow-up for {e.data.get('stakeholder')}",
    "reflection_recorded": lambda e: f"reflection ({e.data.get('model')}) on {e.data.get('case')}",
    "knowledge_check_completed": lambda e: (
        f"knowledge check: {e.data.get('score')}/{e.data.get('out_of')}"
    ),
    "declaration_signed": lambda e: "declaration of authenticity signed",
}


def summarise(event: Event) -> str:
    """A short line for one event; unknown kinds still show their kind."""
    describe = _SUMMARIES.get(event.kind)
    if describe is None:
        return event.kind.replace("_", " ")
    try:
        return describe(event)
    except (KeyError, TypeError, AttributeError):
        return event.kind.replace("_", " ")


def audit_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    return [
        {
            "seq": e.seq,
            "at": e.at,
            "case": e.case or "",
            "actor": e.actor,
            "kind": e.kind,
            "summary": summarise(e),
            "hash": e.hash,
        }
        for e in events
    ]
