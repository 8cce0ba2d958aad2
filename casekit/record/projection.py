"""Folds the event log into the state users see: cases, their facts, contacts and clocks.

Nothing here is stored: a :class:`State` is rebuilt from the log (incrementally, one event
at a time), so the screens, the coaching and the evidence can never disagree with the
record. Clocks are recomputed from the operations on them with the profile's calendars.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from casekit.inputs.dates import uk_date
from casekit.record.events import unknown_kind
from casekit.record.log import Event
from casekit.record.replay import build_clocks
from casekit.rules.vocabulary import Council

if TYPE_CHECKING:
    from casekit.rules.profile import Profile

ERASED = "[removed under the retention policy]"

# The kinds of event that decide cases' deadlines: all the monitoring view has to read.
MONITORING_KINDS: frozenset[str] = frozenset(
    {
        "workspace_created",
        "council_defined",
        "pack_loaded",
        "enquiry_received",
        "acknowledgement_sent",
        "clock_started",
        "clock_extended",
        "clock_stopped",
        "clock_restarted",
        "holding_reply_sent",
        "reply_sent",
        "statutory_response_sent",
        "complaint_stage_two_started",
        "escalated",
        "case_closed",
        "case_reopened",
        "clock_advanced",
        "personal_data_erased",
    }
)


@dataclass
class Fact:
    id: str
    statement: str
    claimed_by: str
    recorded_at: str
    topic: str = ""
    checks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def result(self) -> str | None:
        return self.checks[-1]["result"] if self.checks else None

    @property
    def settled(self) -> bool:
        """Verified, or a discrepancy whose resolution is recorded."""
        if not self.checks:
            return False
        last = self.checks[-1]
        if last["result"] == "confirmed":
            return True
        return last["result"] in ("discrepancy", "stale") and bool(last.get("resolution"))


@dataclass
class ClockOps:
    """What has been done to one clock, in order; the Clock itself is computed.

    ``role`` and ``level`` name a service-level clock (``respond`` of ``complaint_stage2``);
    a statutory clock has neither. ``confirmed`` is set by a ``clock_started`` event (a
    statutory case kind starts its own clock on intake, unconfirmed)."""

    id: str
    started: str
    ops: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    passed_on: bool = False
    role: str = ""
    level: str | None = None
    confirmed: bool = False


@dataclass
class Case:
    ref: str
    kind: str
    category: str
    member_id: str
    ward_id: str
    channel: str
    received_at: str
    constituent: dict[str, Any]
    enquiry: str
    on_behalf_of: dict[str, Any] | None = None
    inbox_item: str | None = None
    pack_case: str | None = None
    source: str = "entered"
    status: str = "open"
    warnings: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    contacts: list[Event] = field(default_factory=list)
    referrals: list[Event] = field(default_factory=list)
    consents: list[Event] = field(default_factory=list)
    shares: list[Event] = field(default_factory=list)
    escalations: list[Event] = field(default_factory=list)
    acknowledgements: list[Event] = field(default_factory=list)
    holding_replies: list[Event] = field(default_factory=list)
    replies: list[Event] = field(default_factory=list)
    statutory_responses: list[Event] = field(default_factory=list)
    stage: int = 1  # complaints procedure stage
    drafts: dict[str, Event] = field(default_factory=dict)
    approvals: list[Event] = field(default_factory=list)
    feedback: list[Event] = field(default_factory=list)
    service_replies: list[Event] = field(default_factory=list)
    chasers: list[Event] = field(default_factory=list)
    duplicate_of: str | None = None
    closed_at: str | None = None
    closure: Event | None = None
    clock_ops: dict[str, ClockOps] = field(default_factory=dict)
    timeline: list[Event] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.ref}: {self.constituent.get('name', 'constituent')} ({self.category})"

    def unsettled_facts(self) -> list[Fact]:
        return [f for f in self.facts.values() if not f.settled]

    def consent_for(self, recipient: str) -> Event | None:
        wanted = recipient.strip().casefold()
        for consent in reversed(self.consents):
            if str(consent.get("recipient", "")).strip().casefold() == wanted:
                return None if consent.data.get("withdrawn") else consent
        return None

    def subject_consent(self) -> Event | None:
        """Consent from the person the case is about, when someone else raised it."""
        if not self.on_behalf_of:
            return None
        subject = str(self.on_behalf_of.get("name", "")).strip().casefold()
        for consent in reversed(self.consents):
            if str(consent.get("given_by", "")).strip().casefold() == subject:
                return consent
        return None


class State:
    """The projection of a workspace's log."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.seq = 0
        self.head = ""
        self.council: Council | None = None
        self.pack: dict[str, Any] | None = None
        self.cases: dict[str, Case] = {}
        self.inbox: dict[str, Event] = {}
        self.learner: dict[str, Any] = {}
        self.declaration: Event | None = None
        self.knowledge: list[Event] = []
        self.reflections: list[Event] = []
        self.erased: set[int] = set()
        self.now: str = ""
        self.by_pack_case: dict[str, str] = {}

    # -- reading ----------------------------------------------------------------------
    def case(self, ref: str) -> Case | None:
        return self.cases.get(ref)

    def open_cases(self) -> list[Case]:
        return [c for c in self.cases.values() if c.status == "open"]

    def unhandled_inbox(self) -> list[Event]:
        taken = {c.inbox_item for c in self.cases.values() if c.inbox_item}
        return [e for item, e in self.inbox.items() if item not in taken]

    def next_ref(self) -> str:
        return f"CK-{len(self.cases) + 1:04d}"

    def clocks(self, case: Case) -> dict[str, Any]:
        """The case's clocks, recomputed from what was done to them."""
        return build_clocks(self.profile, case)

    # -- folding ----------------------------------------------------------------------
    def apply(self, event: Event) -> None:
        self.seq = event.seq
        self.head = event.hash
        self.now = max(self.now, event.at)
        handler = _HANDLERS.get(event.kind)
        if handler is None and event.kind not in NOT_FOLDED:
            raise unknown_kind(event.kind)
        case = self.cases.get(event.case) if event.case else None
        if case is not None:
            case.timeline.append(event)
        if handler is not None:
            handler(self, event, case)

    def _on_workspace_created(self, e: Event, _: Case | None) -> None:
        self.learner = {"learner": e.data.get("learner"), "synthetic": e.data.get("synthetic")}

    def _on_learner_details_recorded(self, e: Event, _: Case | None) -> None:
        self.learner.update(e.data)
        self.learner.update(e.personal or {})

    def _on_council_defined(self, e: Event, _: Case | None) -> None:
        self.council = Council.from_data(e.data)

    def _on_pack_loaded(self, e: Event, _: Case | None) -> None:
        self.pack = dict(e.data)

    def _on_inbox_item_delivered(self, e: Event, _: Case | None) -> None:
        self.inbox[str(e.data.get("timeline_item") or e.data.get("item") or e.seq)] = e

    def _on_enquiry_received(self, e: Event, _: Case | None) -> None:
        d, p = e.data, e.personal or {}
        case = Case(
            ref=e.case or self.next_ref(),
            kind=d["case_kind"],
            category=d["category"],
            member_id=d.get("member_id", ""),
            ward_id=d.get("ward_id", ""),
            channel=d["channel"],
            received_at=d["received_at"],
            constituent=dict(p.get("constituent", {})) or {"name": ERASED},
            enquiry=p.get("enquiry", ERASED if e.erased else ""),
            on_behalf_of=p.get("on_behalf_of"),
            inbox_item=d.get("inbox_item"),
            pack_case=d.get("pack_case"),
            source=d.get("source", "entered"),
            warnings=list(p.get("warnings") or d.get("warnings", [])),
        )
        case.timeline.append(e)
        self.cases[case.ref] = case
        if case.pack_case:
            self.by_pack_case[case.pack_case] = case.ref
        received = d["received_at"]
        for clock_id in ("acknowledge", "respond"):
            case.clock_ops[clock_id] = ClockOps(clock_id, received, role=clock_id)
        if case.kind in self.profile.statutory:
            # A request logged as FOI, EIR or SAR starts its statutory clock; the
            # member-enquiry clocks above keep running on the underlying problem.
            case.clock_ops[case.kind] = ClockOps(case.kind, received)

    def _on_duplicate_linked(self, e: Event, case: Case | None) -> None:
        if case:
            case.duplicate_of = e.data.get("other")

    def _on_fact_recorded(self, e: Event, case: Case | None) -> None:
        if case:
            fid = e.data["fact_id"]
            case.facts[fid] = Fact(
                fid,
                e.get("statement", ERASED),
                e.data.get("claimed_by", ""),
                e.at,
                e.data.get("topic", ""),
            )

    def _on_fact_verified(self, e: Event, case: Case | None) -> None:
        if case and e.data["fact_id"] in case.facts:
            check = dict(e.data)
            check["at"] = e.at
            if e.personal:
                check.update(e.personal)
            case.facts[e.data["fact_id"]].checks.append(check)

    def _on_contact_logged(self, e: Event, case: Case | None) -> None:
        if case:
            case.contacts.append(e)

    def _on_referred_to_service(self, e: Event, case: Case | None) -> None:
        if case:
            case.referrals.append(e)

    def _on_consent_recorded(self, e: Event, case: Case | None) -> None:
        if case:
            case.consents.append(e)

    def _on_shared_with_third_party(self, e: Event, case: Case | None) -> None:
        if case:
            case.shares.append(e)

    def _on_escalated(self, e: Event, case: Case | None) -> None:
        if case:
            case.escalations.append(e)
            if e.data.get("route_id") == "information-request":
                for ops in case.clock_ops.values():
                    if not ops.role:
                        ops.passed_on = True

    def _on_acknowledgement_sent(self, e: Event, case: Case | None) -> None:
        if case:
            case.acknowledgements.append(e)
            suffix = "_stage2" if case.stage == 2 else ""
            self._op(case, f"acknowledge{suffix}", "complete", e)
            self._op(case, f"respond{suffix}", "acknowledged", e)

    def _on_clock_started(self, e: Event, case: Case | None) -> None:
        if case:
            clock_id = e.data["clock"]
            started = e.data.get("received_at", e.at)
            ops = case.clock_ops.get(clock_id)
            if ops is None:
                ops = case.clock_ops[clock_id] = ClockOps(clock_id, started)
            ops.started, ops.confirmed = started, True
            if any(x.data.get("route_id") == "information-request" for x in case.escalations):
                ops.passed_on = True

    def _on_complaint_stage_two_started(self, e: Event, case: Case | None) -> None:
        if case:
            case.stage = 2
            started = e.data.get("received_at", e.at)
            for role in ("acknowledge", "respond"):
                case.clock_ops[f"{role}_stage2"] = ClockOps(
                    f"{role}_stage2", started, role=role, level="complaint_stage2"
                )

    def _on_clock_extended(self, e: Event, case: Case | None) -> None:
        if case:
            self._op(case, e.data["clock"], "extend", e)

    def _on_statutory_response_sent(self, e: Event, case: Case | None) -> None:
        if case:
            case.statutory_responses.append(e)
            self._op(case, e.data["clock"], "complete", e)

    def _on_clock_stopped(self, e: Event, case: Case | None) -> None:
        if case:
            self._op(case, e.data["clock"], "stop", e)

    def _on_clock_restarted(self, e: Event, case: Case | None) -> None:
        if case:
            self._op(case, e.data["clock"], "restart", e)

    def _on_holding_reply_sent(self, e: Event, case: Case | None) -> None:
        if case:
            case.holding_replies.append(e)
            self._op(case, "respond_stage2" if case.stage == 2 else "respond", "hold", e)

    def _on_reply_sent(self, e: Event, case: Case | None) -> None:
        if case:
            case.replies.append(e)
            if e.data.get("final", True):
                # A casework reply answers the underlying problem: it completes the
                # service-level clocks, never a statutory one (only the statutory response
                # does; old logs' "completes" lists are ignored for that reason).
                for clock_id, ops in case.clock_ops.items():
                    if ops.role:
                        self._op(case, clock_id, "complete", e)

    def _on_case_closed(self, e: Event, case: Case | None) -> None:
        if case:
            case.status = "closed"
            case.closed_at = e.at
            case.closure = e

    def _on_case_reopened(self, e: Event, case: Case | None) -> None:
        if case:
            case.status = "open"
            case.closed_at = None

    def _on_draft_saved(self, e: Event, case: Case | None) -> None:
        if case:
            case.drafts[e.data["draft_id"]] = e

    def _on_draft_approved(self, e: Event, case: Case | None) -> None:
        if case:
            case.approvals.append(e)

    _on_draft_returned = _on_draft_approved

    def _on_feedback_received(self, e: Event, case: Case | None) -> None:
        if case:
            case.feedback.append(e)

    def _on_service_replied(self, e: Event, _: Case | None) -> None:
        ref = self.by_pack_case.get(str(e.data.get("pack_case")))
        if ref:
            self.cases[ref].service_replies.append(e)
            self.cases[ref].timeline.append(e)

    def _on_constituent_chased(self, e: Event, _: Case | None) -> None:
        ref = self.by_pack_case.get(str(e.data.get("pack_case")))
        if ref:
            self.cases[ref].chasers.append(e)
            self.cases[ref].timeline.append(e)

    def _on_reflection_recorded(self, e: Event, _: Case | None) -> None:
        self.reflections.append(e)

    def _on_knowledge_check_completed(self, e: Event, _: Case | None) -> None:
        self.knowledge.append(e)

    def _on_declaration_signed(self, e: Event, _: Case | None) -> None:
        self.declaration = e

    def _on_personal_data_erased(self, e: Event, _: Case | None) -> None:
        self.erased.update(e.data.get("seqs", []))
        for ref in e.data.get("cases", []):
            case = self.cases.get(ref)
            if case:
                case.constituent = {"name": ERASED}
                case.enquiry = ERASED
                case.on_behalf_of = None

    @staticmethod
    def _op(case: Case, clock_id: str, op: str, e: Event) -> None:
        ops = case.clock_ops.get(clock_id)
        if ops is not None:
            ops.ops.append((op, dict(e.data), e.at))


# Kinds the state needs nothing from beyond the case timeline (which every event joins).
NOT_FOLDED: frozenset[str] = frozenset(
    {
        "assessor_feedback_loaded",
        "clock_advanced",
        "feedback_requested",
        "follow_up_recorded",
        "record_changed",
    }
)
_HANDLERS = {
    name[len("_on_") :]: method
    for name, method in vars(State).items()
    if name.startswith("_on_") and callable(method)
}


def as_date(value: str | date | datetime) -> date:
    """The UK local date of a date, a date and time, or an ISO text (Europe/London)."""
    return uk_date(value)
