"""A model answer: a scripted good-practice run of a scenario pack, using its answer key.

It works every case as the protocol asks: log on arrival, acknowledge naming the owner,
verify the facts, spot and handle each planted trap, refer to the service, chase, send a
holding reply before a deadline is missed, draft in the member's style, get the member's
approval, reply, ask everyone whether they were satisfied, and close. ``make demo`` runs it,
tutors can read its log as a worked example, and the tests use it to prove that a good run
earns full coverage with no false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from casekit.casework.actions import Casework
from casekit.drafting.case_drafts import save_draft, starting_draft
from casekit.errors import CasekitError
from casekit.record.projection import Case
from casekit.record.workspace import Workspace
from casekit.scenarios.simclock import load_workspace_pack

SAFEGUARDING_ROUTES = ("adult-safeguarding", "child-safeguarding")
STATUTORY = ("foi", "eir", "sar")
OUTSIDE_REMIT = "outside_remit"


@dataclass
class WorkedRun:
    """What the run did, for the demo's printout."""

    cases: list[str] = field(default_factory=list)
    replies: int = 0
    days: int = 0


def _trap_ids(entry: dict[str, Any]) -> set[str]:
    return {t["trap"] for t in entry.get("traps", [])}


def _trap(entry: dict[str, Any], trap_id: str) -> dict[str, Any]:
    return next((t for t in entry.get("traps", []) if t["trap"] == trap_id), {})


def _expected_value(trap: dict[str, Any], kind: str, field_name: str) -> str | None:
    """The value the key expects in ``field_name`` of a ``kind`` event (eq or first of in)."""
    for expectation in trap.get("good", []):
        if expectation.get("kind") != kind:
            continue
        matcher = (expectation.get("where") or {}).get(field_name) or {}
        if "eq" in matcher:
            return str(matcher["eq"])
        if matcher.get("in"):
            return str(matcher["in"][0])
    return None


def _judgement(trap: dict[str, Any], kind: str, part: str) -> str | None:
    """What a good expectation of ``kind`` asks of the event (``consent_from``,
    ``linked_to``): whose consent, which record."""
    for expectation in trap.get("good", []):
        if expectation.get("kind") == kind and expectation.get(part):
            return str(expectation[part])
    return None


def _signpost(trap: dict[str, Any]) -> str:
    for expectation in trap.get("good", []):
        words = ((expectation.get("where") or {}).get("text") or {}).get("contains_any")
        if expectation.get("kind") == "reply_sent" and words:
            return str(words[0])
    return "your own ward councillor"


class ModelAnswer:
    """Works a loaded workspace to the end of its timeline."""

    def __init__(self, ws: Workspace, key: dict[str, Any]) -> None:
        self.ws = ws
        self.cw = Casework(ws)
        self.raw_key = key
        self.key = {c["case_id"]: c for c in key.get("cases", [])}
        self.pack = load_workspace_pack(ws)
        self.pack_cases = {c["id"]: c for c in self.pack["cases"]}
        self.run = WorkedRun()

    # -- the day's work ---------------------------------------------------------------
    def work_day(self) -> None:
        state = self.ws.state()
        for item in state.unhandled_inbox():
            self.intake(item)
        state = self.ws.state()
        for case in list(state.open_cases()):
            self.progress(case.ref)
        for case in list(self.ws.state().cases.values()):
            if case.status == "closed":
                self.late_answers(case)

    def late_answers(self, case: Case) -> None:
        """A service's answer that arrives after the case was closed is still logged and
        passed on: every interaction has its event."""
        for answer in case.service_replies:
            if not any(e.seq > answer.seq and e.kind == "contact_logged" for e in case.timeline):
                self.cw.log_contact(
                    case.ref,
                    channel="email",
                    direction="outbound",
                    party=str(case.constituent.get("name", "constituent")),
                    summary="Passed on the service's late answer and checked "
                    "nothing more is needed.",
                )

    def intake(self, item: Any) -> None:
        pack_case = self.pack_cases[item.data["pack_case"]]
        entry = self.key.get(pack_case["id"], {})
        traps = _trap_ids(entry)
        on_behalf = None
        third = _trap(entry, "third_party_consent")
        if third:
            on_behalf = {
                "name": _judgement(third, "consent_recorded", "consent_from")
                or "the person concerned",
                "relationship": "relative",
            }
        constituent = dict(item.personal["constituent"])
        result = self.cw.receive_enquiry(
            constituent=constituent,
            enquiry=item.personal["enquiry"],
            category=entry.get("category", "housing"),
            case_kind=entry.get("true_kind", "member_enquiry"),
            channel=item.data["channel"],
            member_id=item.data["member_id"],
            received_at=item.data["received_at"],
            on_behalf_of=on_behalf,
            inbox_item=item.data["timeline_item"],
        )
        ref = result.case_ref
        self.run.cases.append(ref)
        # Same-day protocol duties come first.
        for trap in entry.get("traps", []):
            if trap["trap"] == "safeguarding":
                route = _expected_value(trap, "escalated", "route_id") or SAFEGUARDING_ROUTES[0]
                self.cw.escalate(
                    ref,
                    route_id=route,
                    reason="Safeguarding concern disclosed in the enquiry; referred the same day.",
                )
            if trap["trap"] == "hidden_statutory":
                clock = _expected_value(trap, "clock_started", "clock") or "foi"
                self.cw.start_clock(ref, clock)
                self.cw.escalate(
                    ref,
                    route_id="information-request",
                    reason=f"The enquiry contains a {clock.upper()} request; "
                    "passed to information governance with its clock.",
                )
        if entry.get("category") == OUTSIDE_REMIT:
            self.cw.escalate(
                ref,
                route_id="outside-remit",
                reason="The problem is not a council function: signposted to the "
                "organisation responsible.",
            )
        if entry.get("true_kind") == "complaint":
            self.cw.escalate(
                ref,
                route_id="complaint",
                reason="The constituent is dissatisfied with the service: stage 1.",
            )
        if third:
            subject = on_behalf["name"] if on_behalf else "the person concerned"
            self.cw.record_consent(
                ref,
                recipient="council services",
                given_by=subject,
                purpose="to look into the problem on their behalf",
                evidence="Signed consent form returned by email",
            )
        if "duplicate" in traps:
            duplicate = _trap(entry, "duplicate")
            record = _judgement(duplicate, "duplicate_linked", "linked_to") or "earlier case"
            self.cw.link_duplicate(
                ref, record, reason="Same problem already raised; linked so it is handled once."
            )
        owner = "the casework team"
        case = self.ws.state().case(ref)
        service = self._service(case)
        if service is not None and service.officer:
            owner = f"{service.officer} ({service.name})"
        self.cw.acknowledge(
            ref,
            owner=owner,
            channel=item.data["channel"]
            if item.data["channel"] in ("email", "letter")
            else "email",
        )
        self.verify(ref, pack_case, entry)

    def _service(self, case: Case | None) -> Any:
        council = self.ws.state().council
        if case is None or council is None:
            return None
        return council.service_for(case.category)

    def verify(self, ref: str, pack_case: dict[str, Any], entry: dict[str, Any]) -> None:
        stale = _trap(entry, "stale_information")
        stale_topic = _expected_value(stale, "fact_verified", "fact") if stale else None
        for record in pack_case.get("records", []):
            topic = record["type"]
            if stale_topic and record["type"] in ("previous_case", stale_topic):
                topic = stale_topic
            fact = self.cw.record_fact(
                ref,
                f"{record['system']}: record {record['id']}",
                claimed_by="constituent",
                topic=topic,
            )
            out_of_date = record.get("as_of", "9999") < self.pack["start"][:10] and (
                topic == stale_topic or record["type"] == "previous_case"
            )
            if out_of_date:
                self.cw.verify_fact(
                    ref,
                    fact,
                    source=record["system"],
                    result="stale",
                    found=f"Record dated {record.get('as_of')}",
                    resolution="Checked the current position with the service "
                    "and used that instead.",
                )
            else:
                self.cw.verify_fact(
                    ref,
                    fact,
                    source=record["system"],
                    result="confirmed",
                    found="Matches what the constituent told us.",
                )
        address = self.cw.record_fact(ref, "The constituent's address and ward", topic="address")
        self.cw.verify_fact(
            ref,
            address,
            source="Electoral register",
            result="confirmed",
            found="Address found on the register.",
        )

    def progress(self, ref: str) -> None:
        state = self.ws.state()
        case = state.case(ref)
        if case is None or case.status != "open":
            return
        entry = self.key.get(case.pack_case or "", {})
        traps = _trap_ids(entry)
        owned = "wrong_ward_or_tier" not in traps and case.category != OUTSIDE_REMIT
        service = self._service(case)
        if owned and service is not None and not case.referrals and case.kind != "sar":
            self.cw.refer_to_service(
                ref,
                service=service.id,
                question=f"Please could you look into the {case.category.replace('_', ' ')} "
                f"problem reported by the constituent and tell us what will be done "
                f"and when.",
            )
            return
        for chase in case.chasers:
            if not any(c.seq > chase.seq for c in case.contacts):
                self.cw.log_contact(
                    ref,
                    channel="phone",
                    direction="outbound",
                    party=str(case.constituent.get("name", "constituent")),
                    summary="Returned the constituent's call: explained where "
                    "the enquiry has got to and when they will hear.",
                )
        clocks = state.clocks(case)
        respond = clocks.get("respond")
        ready = bool(case.service_replies) or not owned or service is None or case.kind == "sar"
        today = self.ws.now.date()
        if (
            not ready
            and case.referrals
            and respond is not None
            and today >= respond.due
            and not any(e.data.get("route_id") == "missed-deadline" for e in case.escalations)
        ):
            self.cw.escalate(
                ref,
                route_id="missed-deadline",
                reason=f"{service.name if service else 'The service'} has not "
                "answered by the response deadline.",
            )
        if not ready and case.holding_replies:
            # The date promised in the holding reply has come: answer with what is known
            # rather than break the promise (the head of service already has it).
            promised = str(case.holding_replies[-1].data.get("new_date", "9999-12-31"))
            ready = today.isoformat() >= promised
        if ready:
            self.reply(case, entry)
            return
        from casekit.rules import clocks as clockmath

        if (
            respond is not None
            and clockmath.holding_reply_due(respond, self.ws.now.date())
            and not case.holding_replies
        ):
            new_date = self.ws.now.date() + timedelta(days=7)
            self.cw.send_holding_reply(
                ref,
                reason=f"{service.name if service else 'The service'} has not yet "
                "replied to our enquiry.",
                new_date=new_date,
                text="A holding reply explaining the delay and the new date.",
            )

    def reply(self, case: Case, entry: dict[str, Any]) -> None:
        ref = case.ref
        text = self.compose(case, entry)
        event, _ = save_draft(self.ws, ref, letter_kind="full_reply", text=text)
        draft_id = event.data["draft_id"]
        from casekit.drafting.approval import submit_for_approval

        _, decision = submit_for_approval(self.ws, ref, draft_id)
        if not decision.approved:
            raise CasekitError(
                f"The model answer's draft for {ref} was returned: {decision.comments}"
            )
        # The reply goes out as the unchanged text the member approved (the approval
        # gate compares it with the approved draft's SHA-256); statutory clocks are the
        # information governance team's, passed on at intake.
        approved = self.ws.state().case(ref).drafts[draft_id].get("text")
        self.cw.send_reply(ref, text=approved, draft_id=draft_id)
        self.run.replies += 1
        self.satisfaction(ref)
        self.cw.close(
            ref,
            outcome="Answered in full; constituent, member and service asked "
            "whether they were satisfied.",
        )

    def compose(self, case: Case, entry: dict[str, Any]) -> str:
        """The starting draft in the member's style, adapted with what this case needs."""
        given = {}
        if not case.service_replies:
            given["outcome"] = "I have looked into this for you, and this is what I found."
        text = starting_draft(self.ws, case.ref, "full_reply", given)
        extra = []
        traps = _trap_ids(entry)
        if "wrong_ward_or_tier" in traps:
            where = _signpost(_trap(entry, "wrong_ward_or_tier"))
            extra.append(
                f"This matter is the responsibility of {where}; I have explained how "
                f"to contact them, and I am happy to pass your details on if you wish."
            )
        if "predetermination" in traps:
            extra.append(
                "As a member of the planning committee I must keep an open mind until "
                "the committee hears the application, so I cannot say how I will vote. "
                "You can comment on the application online before the consultation "
                "closes, and every material planning comment is taken into account."
            )
        if case.category == OUTSIDE_REMIT:
            extra.append(
                "This is not something the council is responsible for, so I have "
                "explained which organisation can help and how to contact it."
            )
        if case.referrals and not case.service_replies:
            extra.append(
                "The service has not yet answered, so I have raised the delay with "
                "the head of service and will write again as soon as I hear."
            )
        if "hidden_statutory" in traps:
            extra.append(
                "Your request for information has been passed to the council's "
                "information governance team, who will reply within the legal time "
                "limit."
            )
        if case.kind == "complaint":
            extra.append(
                "I have also passed your concerns to the council's complaints team so "
                "that they are looked at formally under stage 1 of the complaints "
                "procedure."
            )
        if not extra:
            return text
        lines = text.rstrip("\n").split("\n")
        insert_at = max(2, len(lines) - 3)
        return "\n".join([*lines[:insert_at], "", *extra, "", *lines[insert_at:]]) + "\n"

    def satisfaction(self, ref: str) -> None:
        from casekit.casework import satisfaction

        case = self.ws.state().case(ref)
        asked = ["constituent", "member"]
        if case is not None and case.referrals:
            asked.append("colleague")
        for stakeholder in asked:
            satisfaction.request_feedback(self.ws, ref, stakeholder)
        for answer in satisfaction.simulate_answers(self.ws, ref, key=self.raw_key):
            if answer.data.get("low"):
                satisfaction.record_follow_up(
                    self.ws,
                    ref,
                    answer.data["stakeholder"],
                    "Called to discuss the score, apologised where we fell short and agreed "
                    "what will change.",
                )


def work_pack(
    ws: Workspace,
    key: dict[str, Any] | str | Path,
    *,
    days: int = 25,
    learner: str = "Alex Example",
) -> WorkedRun:
    """Work a freshly loaded workspace as a model answer, day by day."""
    from casekit.feedback.coaching import load_key
    from casekit.scenarios.simclock import advance

    if not isinstance(key, dict):
        key = load_key(key)
    model = ModelAnswer(ws, key)
    model.cw.record_learner_details(
        name=learner,
        registration="EX-000001",
        centre="casekit worked example",
        assessor="A. Assessor",
    )
    for day in range(days):
        model.work_day()
        model.run.days = day + 1
        if day < days - 1:
            advance(ws, 1)
    return model.run


def finish_portfolio(ws: Workspace, learner: str = "Alex Example") -> None:
    """The closing steps: a reflection, the knowledge check, the declaration."""
    from casekit.evidence import reflection
    from casekit.evidence.declaration import sign_declaration
    from casekit.feedback import knowledge

    state = ws.state()
    case = next(iter(state.cases.values()))
    reflection.record_reflection(
        ws,
        model="gibbs",
        case_ref=case.ref,
        date=ws.now.date(),
        criteria=["AC1", "AC2", "AC5"],
        sections={
            "description": f"Case {case.ref} arrived with more than one problem in it, and one "
            "of them needed action the same day.",
            "feelings": "I felt under pressure to answer the main question quickly.",
            "evaluation": "Logging the case at once and checking the records first meant I "
            "spotted what needed escalating before replying.",
            "analysis": "The protocol puts escalation and statutory clocks before the reply "
            "because they carry legal deadlines.",
            "conclusion": "Reading the whole enquiry before acting is what made the difference.",
            "action_plan": "I will keep using the checklist: log, acknowledge, verify, escalate, "
            "then refer and reply.",
        },
    )
    questions = knowledge.questions(10, seed=1)
    knowledge.record_result(ws, {q.id: q.answer for q in questions})
    sign_declaration(ws, learner)
