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
