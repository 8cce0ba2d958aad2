"""Contacts: logging every interaction, acknowledging, referring to a service, consent,
sharing and escalation."""

from __future__ import annotations

from casekit import inputs
from casekit.casework.base import CaseworkBase
from casekit.errors import CasekitError
from casekit.record.log import Event
from casekit.rules.vocabulary import (
    CHANNELS,
    DIRECTIONS,
    PARA_23_2_REASONS,
)


class ContactActions(CaseworkBase):
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
        """Send a member enquiry to a council service: the member passes the constituent's
        own request to the service that can act on it. The basis recorded comes from the
        profile's ``referral-basis`` rule (UK GDPR art. 6(1)(e); for special category data
        DPA 2018 Sch. 1 para 23, the elected representative acting on the request). A case
        raised for someone else needs their consent, or a para 23(2) reason, first."""
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
            basis = self.profile.rule("referral-basis").source
            return self.ws.append(
                "referred_to_service",
                {"service": service, "service_name": name, "officer": officer, "basis": basis},
                case=case_ref,
                personal={"question": question},
            )

    def record_consent(
        self,
        case_ref: str,
        *,
        recipient: str,
        purpose: str,
        evidence: str = "",
        given_by: str = "",
        para_23_reason: str = "",
        explanation: str = "",
    ) -> Event:
        """Consent for a *named* recipient and purpose, and how it was evidenced.

        Where consent cannot be had, a learner may record instead the DPA 2018 Sch. 1
        para 23(2) reason for acting without it (``para_23_reason``: ``cannot_give``,
        ``cannot_reasonably_obtain``, ``would_prejudice``, ``others_interest``) with an
        ``explanation``; it is accepted and marked for the tutor to review.
        ``given_by`` is whose consent it is (or would be): by default the constituent.
        """
        recipient = inputs.text(recipient, "recipient", limit=200)
        purpose = inputs.text(purpose, "purpose", limit=500)
        data: dict[str, object]
        if para_23_reason:
            inputs.choice(para_23_reason, "para 23(2) reason", PARA_23_2_REASONS)
            explanation = inputs.text(explanation, "why consent cannot be had", limit=1000)
            evidence = inputs.text(evidence, "evidence", required=False, limit=500)
            data = {
                "evidence": evidence,
                "basis": "DPA 2018 Sch. 1 para 23(2)",
                "para_23_reason": para_23_reason,
                "tutor_to_confirm": True,
            }
        else:
            evidence = inputs.text(evidence, "how consent was given", limit=500)
            explanation = ""
            data = {"evidence": evidence}
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            given_by = inputs.text(
                given_by or case.constituent.get("name", ""), "given by", limit=200
            )
            personal = {"recipient": recipient, "purpose": purpose, "given_by": given_by}
            if explanation:
                personal["explanation"] = explanation
            return self.ws.append("consent_recorded", data, case=case_ref, personal=personal)

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
