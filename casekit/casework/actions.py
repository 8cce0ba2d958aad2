"""The casework actions a learner takes, each one guarded and each one event.

:class:`Casework` is the API that notebooks' widgets and the command line call. Every
method reads the current state inside an IMMEDIATE transaction, applies the protocol's
guards, and appends exactly the events the action means. A guard that refuses raises
:class:`~casekit.errors.CasekitError` citing the rule from the protocol profile; because
the check and the append share one transaction, a refusal writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from casekit import inputs
from casekit.errors import CasekitError
from casekit.record.log import Event
from casekit.record.projection import Case, ClockOps, State, build_clocks
from casekit.record.workspace import Workspace
from casekit.rules.vocabulary import (
    CASE_KINDS,
    CATEGORIES,
    CHANNELS,
    DIRECTIONS,
    STATUTORY_CLOCKS,
    TITLES,
    VERIFICATION_RESULTS,
    normalise_postcode,
)

if TYPE_CHECKING:
    from casekit.rules.profile import Profile


@dataclass(frozen=True)
class Notice:
    """A warning shown when an action is allowed but something needs a look."""

    rule: str
    message: str
    source: str
    advice: str

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "message": self.message,
            "source": self.source,
            "advice": self.advice,
        }

    def __str__(self) -> str:
        return f"{self.message} Rule: {self.source}. What to do: {self.advice}"


@dataclass(frozen=True)
class IntakeResult:
    case_ref: str
    event: Event
    notices: list[Notice] = field(default_factory=list)


class Casework:
    """The learner's actions on one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace

    @property
    def profile(self) -> Profile:
        return self.ws.profile

    # -- helpers ----------------------------------------------------------------------
    def _refuse(self, rule_id: str, **values: Any) -> CasekitError:
        return self.profile.rules[rule_id].error(**values)

    def _notice(self, rule_id: str, **values: Any) -> Notice:
        err = self._refuse(rule_id, **values)
        return Notice(rule_id, err.message, err.source or "", err.advice or "")

    def _case(self, state: State, ref: Any, *, open_only: bool = True) -> Case:
        case = state.case(str(ref)) if ref else None
        if case is None:
            raise self._refuse("unknown-case", case=ref)
        if open_only and case.status != "open":
            raise self._refuse("reply-after-close")
        return case

    def _check_clocks_start(
        self, case_kind: str, category: str, channel: str, when: datetime
    ) -> None:
        """Compute the new case's clocks as the projection will, so a receipt date the
        working-day calendars cannot count from is refused now, not on every later read."""
        at = when.isoformat(timespec="minutes")
        probe = Case(
            ref="",
            kind=case_kind,
            category=category,
            member_id="",
            ward_id="",
            channel=channel,
            received_at=at,
            constituent={},
            enquiry="",
        )
        probe.clock_ops = {c: ClockOps(c, at) for c in ("acknowledge", "respond")}
        build_clocks(self.profile, probe)

    def _now(self) -> str:
        return self.ws.now.isoformat(timespec="minutes")

    # -- intake -----------------------------------------------------------------------
    def receive_enquiry(
        self,
        *,
        constituent: dict[str, Any],
        enquiry: str,
        category: str,
        case_kind: str = "member_enquiry",
        channel: str = "email",
        member_id: str = "",
        received_at: Any = None,
        on_behalf_of: dict[str, Any] | None = None,
        inbox_item: str | None = None,
    ) -> IntakeResult:
        """Log a new case. Warns (does not refuse) about a likely duplicate, a constituent
        outside the member's ward, or a matter for another tier, so the learner decides."""
        if not isinstance(constituent, dict):
            raise CasekitError(
                "constituent must be a record of name, address, postcode, email and phone.",
                field="constituent",
            )
        if on_behalf_of is not None and not isinstance(on_behalf_of, dict):
            raise CasekitError(
                "the person the enquiry is about must be a record of name and relationship.",
                field="on behalf of",
            )
        name = inputs.text(constituent.get("name"), "constituent name", limit=200)
        postcode_raw = inputs.text(
            constituent.get("postcode"), "postcode", required=False, limit=10
        )
        postcode = normalise_postcode(postcode_raw) if postcode_raw else ""
        if postcode_raw and postcode is None:
            raise CasekitError(
                f"postcode '{postcode_raw}' is not a UK postcode (e.g. LE11 3AB).", field="postcode"
            )
        email = inputs.text(constituent.get("email"), "email", required=False, limit=200)
        if email and not inputs.EMAIL.match(email):
            raise CasekitError(f"email '{email}' is not an email address.", field="email")
        phone = inputs.text(constituent.get("phone"), "phone", required=False, limit=30)
        if phone and not inputs.UK_PHONE.match(phone):
            raise CasekitError(f"phone '{phone}' is not a UK phone number.", field="phone")
        address = inputs.text(constituent.get("address"), "address", required=False, limit=500)
        title = inputs.text(constituent.get("title"), "title", required=False, limit=10)
        if title not in TITLES:
            raise CasekitError(
                f"title '{title}' is not one of: {', '.join(TITLES[1:])}.", field="title"
            )
        enquiry = inputs.text(enquiry, "enquiry")
        inputs.choice(category, "category", CATEGORIES)
        inputs.choice(case_kind, "case kind", CASE_KINDS)
        inputs.choice(channel, "channel", CHANNELS)
        subject = None
        if on_behalf_of and any(str(v).strip() for v in on_behalf_of.values()):
            subject = {
                "name": inputs.text(
                    on_behalf_of.get("name"), "name of the person it is about", limit=200
                ),
                "relationship": inputs.text(
                    on_behalf_of.get("relationship"), "relationship", required=False, limit=100
                ),
            }
        with self.ws.transaction():
            state = self.ws.state()
            when = inputs.as_datetime(received_at, "received at") if received_at else self.ws.now
            self._check_clocks_start(case_kind, category, channel, when)
            ward_id = ""
            notices: list[Notice] = []
            council = state.council
            if council is not None:
                if member_id not in council.members:
                    raise CasekitError(
                        f"member '{member_id}' is not a councillor of {council.name}.",
                        field="member",
                        advice="Choose the councillor from the list.",
                    )
                member = council.members[member_id]
                ward_id = member.wards[0] if member.wards else ""
                wards = [council.wards[w] for w in member.wards if w in council.wards]
                if postcode and wards and not any(w.contains(postcode) for w in wards):
                    notices.append(
                        self._notice(
                            "not-in-ward",
                            postcode=postcode,
                            ward=" / ".join(w.name for w in wards),
                            member=member.name,
                        )
                    )
                owner = self.profile.tier_of(category)
                if not council.owns(category, owner):
                    notices.append(
                        self._notice(
                            "wrong-tier", category=CATEGORIES[category], owner=owner or "other"
                        )
                    )
            if inbox_item is not None:
                if str(inbox_item) not in state.inbox:
                    raise CasekitError(
                        f"inbox item '{inbox_item}' has not arrived.", field="inbox item"
                    )
                if any(c.inbox_item == str(inbox_item) for c in state.cases.values()):
                    raise CasekitError(
                        f"inbox item '{inbox_item}' is already logged as a case.",
                        field="inbox item",
                        advice="Open the existing case instead.",
                    )
            for other in state.open_cases():
                same_person = other.constituent.get("name", "").casefold() == name.casefold() and (
                    not postcode or other.constituent.get("postcode") == postcode
                )
                same_problem = (
                    postcode
                    and other.category == category
                    and other.constituent.get("postcode") == postcode
                    and other.constituent.get("address", "").casefold() == address.casefold()
                )
                if same_person or same_problem:
                    whose = ""
                    if council and other.member_id in council.members:
                        whose = f" with {council.members[other.member_id].name}"
                    notices.append(
                        self._notice(
                            "possible-duplicate",
                            other=f"{other.ref} ({CATEGORIES.get(other.category, other.category)}"
                            f"{whose}, received {other.received_at[:10]})",
                        )
                    )
            pack_case = None
            source = "entered"
            if inbox_item is not None:
                item = state.inbox[str(inbox_item)]
                pack_case = item.data.get("pack_case")
                source = "pack"
            ref = state.next_ref()
            # A notice can quote the postcode (not-in-ward): the full wording goes with the
            # personal values, and the chain keeps it with the postcode withheld, so that
            # retention erasure leaves no personal value behind.
            full = [n.as_dict() for n in notices]
            kept = [
                {k: v.replace(postcode, "[postcode]") if postcode else v for k, v in notice.items()}
                for notice in full
            ]
            event = self.ws.append(
                "enquiry_received",
                {
                    "case_kind": case_kind,
                    "category": category,
                    "channel": channel,
                    "member_id": member_id,
                    "ward_id": ward_id,
                    "received_at": when.isoformat(timespec="minutes"),
                    "inbox_item": str(inbox_item) if inbox_item is not None else None,
                    "pack_case": pack_case,
                    "source": source,
                    "on_behalf": subject is not None,
                    "warnings": kept,
                },
                case=ref,
                personal={
                    "constituent": {
                        "title": title,
                        "name": name,
                        "address": address,
                        "postcode": postcode or "",
                        "email": email,
                        "phone": phone,
                    },
                    "enquiry": enquiry,
                    "on_behalf_of": subject,
                    "warnings": full,
                },
            )
        return IntakeResult(ref, event, notices)

    def link_duplicate(self, case_ref: str, other: str, reason: str) -> Event:
        """Link a case to the one it repeats: another case here (``CK-0003``) or a
        reference elsewhere (a council record, another member's or the MP's case)."""
        reason = inputs.text(reason, "reason")
        other = inputs.text(other, "other case or reference", limit=200)
        with self.ws.transaction():
            state = self.ws.state()
            self._case(state, case_ref)
            if other == case_ref:
                raise CasekitError("A case cannot duplicate itself.", field="other case")
            if re.fullmatch(r"CK-\d{4}", other):
                self._case(state, other, open_only=False)
            return self.ws.append(
                "duplicate_linked", {"other": other, "reason": reason}, case=case_ref
            )

    # -- verification -----------------------------------------------------------------
    def record_fact(
        self, case_ref: str, statement: str, claimed_by: str = "constituent", topic: str = ""
    ) -> str:
        """Record something the case depends on, to be checked. ``topic`` names the
        council record it concerns (address, tenancy, council tax...)."""
        statement = inputs.text(statement, "fact", limit=1000)
        claimed_by = inputs.text(claimed_by, "who said it", limit=200)
        topic = inputs.text(topic, "topic", required=False, limit=100)
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            fact_id = f"F{len(case.facts) + 1}"
            self.ws.append(
                "fact_recorded",
                {"fact_id": fact_id, "claimed_by": claimed_by, "topic": topic},
                case=case_ref,
                personal={"statement": statement},
            )
        return fact_id

    def verify_fact(
        self,
        case_ref: str,
        fact_id: str,
        *,
        source: str,
        result: str,
        found: str = "",
        resolution: str = "",
    ) -> Event:
        """Record a check of a fact against a source (a council system, an officer)."""
        source = inputs.text(source, "source", limit=200)
        inputs.choice(result, "result", VERIFICATION_RESULTS)
        found = inputs.text(found, "what the source says", required=False, limit=2000)
        resolution = inputs.text(
            resolution, "how the discrepancy was resolved", required=False, limit=2000
        )
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            if not isinstance(fact_id, str) or fact_id not in case.facts:
                raise CasekitError(f"fact '{fact_id}' is not recorded on {case_ref}.", field="fact")
            return self.ws.append(
                "fact_verified",
                {
                    "fact_id": fact_id,
                    "topic": case.facts[fact_id].topic,
                    "source": source,
                    "result": result,
                    "resolved": bool(resolution),
                },
                case=case_ref,
                personal={"found": found, "resolution": resolution},
            )

    # -- contacts, referrals, consent, sharing -----------------------------------------
    def log_contact(
        self, case_ref: str, *, channel: str, direction: str, party: str, summary: str
    ) -> Event:
        inputs.choice(channel, "channel", CHANNELS)
        inputs.choice(direction, "direction", DIRECTIONS)
        party = inputs.text(party, "party", limit=200)
        summary = inputs.text(summary, "summary")
        with self.ws.transaction():
            self._case(self.ws.state(), case_ref, open_only=False)
            return self.ws.append(
                "contact_logged",
                {"channel": channel, "direction": direction},
                case=case_ref,
                personal={"party": party, "summary": summary},
            )

    def acknowledge(
        self, case_ref: str, *, owner: str, channel: str = "email", text: str = ""
    ) -> Event:
        """Acknowledge the constituent, naming who deals with the case."""
        owner = inputs.text(owner, "who is dealing with it", limit=200)
        inputs.choice(channel, "channel", CHANNELS)
        text = inputs.text(text, "acknowledgement text", required=False)
        with self.ws.transaction():
            self._case(self.ws.state(), case_ref)
            return self.ws.append(
                "acknowledgement_sent",
                {"channel": channel, "owner": owner},
                case=case_ref,
                personal={"text": text},
            )

    def refer_to_service(
        self, case_ref: str, *, service: str, question: str, officer: str = ""
    ) -> Event:
        """Send a member enquiry to a council service. Within the council's public task
        (DPA 2018 Sch. 1 para 24), but a case raised for someone else needs their consent."""
        question = inputs.text(question, "question for the service")
        officer = inputs.text(officer, "officer", required=False, limit=200)
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            service = inputs.text(service, "service", limit=200)
            if state.council and state.council.services and service not in state.council.services:
                raise CasekitError(
                    f"service '{service}' is not one of {state.council.name}'s.",
                    field="service",
                    advice="Choose the service from the list.",
                )
            if case.on_behalf_of and case.subject_consent() is None:
                raise self._refuse("third-party-needs-consent", subject=case.on_behalf_of["name"])
            name = service
            if state.council and service in state.council.services:
                svc = state.council.services[service]
                name = svc.name
                officer = officer or svc.officer
            return self.ws.append(
                "referred_to_service",
                {"service": service, "service_name": name, "officer": officer},
                case=case_ref,
                personal={"question": question},
            )

    def record_consent(
        self, case_ref: str, *, recipient: str, purpose: str, evidence: str, given_by: str = ""
    ) -> Event:
        """Consent for a *named* recipient and purpose, and how it was evidenced."""
        recipient = inputs.text(recipient, "recipient", limit=200)
        purpose = inputs.text(purpose, "purpose", limit=500)
        evidence = inputs.text(evidence, "how consent was given", limit=500)
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            given_by = inputs.text(
                given_by or case.constituent.get("name", ""), "given by", limit=200
            )
            return self.ws.append(
                "consent_recorded",
                {"evidence": evidence},
                case=case_ref,
                personal={"recipient": recipient, "purpose": purpose, "given_by": given_by},
            )

    def share_with_third_party(
        self, case_ref: str, *, recipient: str, purpose: str, what: str
    ) -> Event:
        recipient = inputs.text(recipient, "recipient", limit=200)
        purpose = inputs.text(purpose, "purpose", limit=500)
        what = inputs.text(what, "what was shared", limit=2000)
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            if case.consent_for(recipient) is None:
                raise self._refuse("share-needs-consent", recipient=recipient)
            if case.on_behalf_of and case.subject_consent() is None:
                raise self._refuse("third-party-needs-consent", subject=case.on_behalf_of["name"])
            return self.ws.append(
                "shared_with_third_party",
                {},
                case=case_ref,
                personal={"recipient": recipient, "purpose": purpose, "what": what},
            )

    def escalate(self, case_ref: str, *, route_id: str, reason: str) -> Event:
        reason = inputs.text(reason, "reason")
        routes = {r.id: r for r in self.profile.escalations}
        inputs.choice(route_id, "escalation route", {k: r.route for k, r in routes.items()})
        route = routes[route_id]
        with self.ws.transaction():
            self._case(self.ws.state(), case_ref, open_only=False)
            return self.ws.append(
                "escalated",
                {
                    "route_id": route.id,
                    "route": route.route,
                    "trigger": route.trigger,
                    "when": route.when,
                    "same_day": route.same_day,
                    "source": route.source,
                },
                case=case_ref,
                personal={"reason": reason},
            )

    # -- clocks -----------------------------------------------------------------------
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

    # -- replies ----------------------------------------------------------------------
    def send_holding_reply(
        self,
        case_ref: str,
        *,
        reason: str,
        new_date: Any,
        channel: str = "email",
        text: str = "",
        to_member: bool = False,
    ) -> Event:
        """An interim update before a deadline is missed: the reason and a new date."""
        if not isinstance(reason, str) or not reason.strip() or not new_date:
            raise self._refuse("holding-reply-needs-date")
        when = inputs.as_day(new_date, "new date")
        if when <= self.ws.now.date():
            raise CasekitError(
                f"new date {when} is not after today ({self.ws.now.date()}).", field="new date"
            )
        inputs.choice(channel, "channel", CHANNELS)
        text = inputs.text(text, "holding reply text", required=False)
        with self.ws.transaction():
            self._case(self.ws.state(), case_ref)
            return self.ws.append(
                "holding_reply_sent",
                {
                    "reason": reason.strip(),
                    "new_date": when.isoformat(),
                    "channel": channel,
                    "to": "member" if to_member else "constituent",
                },
                case=case_ref,
                personal={"text": text},
            )

    def send_reply(
        self,
        case_ref: str,
        *,
        text: str,
        channel: str = "email",
        draft_id: str | None = None,
        unverified_reason: str = "",
        final: bool = True,
        completes: list[str] | None = None,
    ) -> Event:
        """Send the reply. Refused while facts are unverified, unless a reason is recorded
        (the unit's LO2: information passed on must be current and accurate)."""
        text = inputs.text(text, "reply text")
        inputs.choice(channel, "channel", CHANNELS)
        unverified_reason = inputs.text(
            unverified_reason, "reason for replying before verifying", required=False, limit=1000
        )
        if not isinstance(final, bool):
            raise CasekitError("final must be true or false.", field="final")
        if completes is not None and (
            not isinstance(completes, list | tuple)
            or not all(isinstance(c, str) for c in completes)
        ):
            raise CasekitError(
                "completes must be a list of clock names (foi, eir, sar).", field="completes"
            )
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            if draft_id is not None and (
                not isinstance(draft_id, str) or draft_id not in case.drafts
            ):
                raise CasekitError(f"draft '{draft_id}' is not saved on {case_ref}.", field="draft")
            unsettled = case.unsettled_facts()
            if unsettled and not unverified_reason:
                raise self._refuse(
                    "reply-needs-verified-facts",
                    facts="; ".join(f"{f.id} {f.statement}" for f in unsettled),
                )
            running = [c for c in (completes or []) if c in case.clock_ops]
            if completes is None:
                running = [c for c in case.clock_ops if c in STATUTORY_CLOCKS]
            return self.ws.append(
                "reply_sent",
                {
                    "channel": channel,
                    "draft_id": draft_id,
                    "final": final,
                    "completes": running if final else [],
                    "unverified": [f.id for f in unsettled],
                    "unverified_reason": unverified_reason,
                },
                case=case_ref,
                personal={"text": text},
            )

    # -- closing ----------------------------------------------------------------------
    def close(self, case_ref: str, *, outcome: str, reason: str = "") -> Event:
        outcome = inputs.text(outcome, "outcome", limit=1000)
        reason = inputs.text(reason, "reason", required=False, limit=1000)
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            clocks = state.clocks(case)
            for clock_id, ops in case.clock_ops.items():
                if clock_id not in STATUTORY_CLOCKS or ops.passed_on:
                    continue
                clock = clocks[clock_id]
                if clock.status not in ("met", "missed"):
                    raise self._refuse(
                        "close-with-open-clock",
                        clock=clock.label,
                        due=clock.due.isoformat(),
                        clock_source=clock.source,
                    )
            if not case.replies and not reason and not case.duplicate_of:
                raise self._refuse("close-without-reply")
            return self.ws.append(
                "case_closed", {"outcome": outcome, "reason": reason}, case=case_ref
            )

    def reopen(self, case_ref: str, *, reason: str) -> Event:
        reason = inputs.text(reason, "reason", limit=1000)
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref, open_only=False)
            if case.status != "closed":
                raise CasekitError(f"{case_ref} is not closed.", field="case")
            return self.ws.append("case_reopened", {"reason": reason}, case=case_ref)

    # -- the learner ------------------------------------------------------------------
    def record_learner_details(
        self, *, name: str, registration: str = "", centre: str = "", assessor: str = ""
    ) -> Event:
        name = inputs.text(name, "learner name", limit=200)
        registration = inputs.text(registration, "registration number", required=False, limit=50)
        centre = inputs.text(centre, "centre", required=False, limit=200)
        assessor = inputs.text(assessor, "assessor", required=False, limit=200)
        return self.ws.append(
            "learner_details_recorded",
            {"registration": registration, "centre": centre},
            personal={"name": name, "assessor": assessor},
        )

    # -- retention --------------------------------------------------------------------
    def anonymise_expired(self, today: Any = None) -> Event | None:
        """Erase personal values of cases closed longer ago than the retention period
        (see :func:`casekit.record.retention.anonymise_expired`)."""
        from casekit.record.retention import anonymise_expired

        return anonymise_expired(self.ws, today)
