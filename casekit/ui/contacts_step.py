"""Contacts: log every interaction, acknowledge, refer, record consent, share, escalate
(LO1, LO3, AC2, AC5).

"Not logging every interaction" is a common mistake in the unit, so each conversation,
letter and call is one entry here. Consent is recorded for a *named* recipient and purpose
before anything is shared: the domain refuses a share without it and cites the Data
Protection Act, and this form shows that refusal. Escalation routes and their sources come
from the protocol profile.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit import api
from casekit.ui.base import Step
from casekit.ui.case_views import history_html
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    choices,
    columns,
    combobox,
    dropdown,
    section,
    set_options,
    table_html,
    text,
    textarea,
)
from casekit.ui.errors import plain

if TYPE_CHECKING:
    from casekit.api import State


class Contacts(Step):
    title = "Contacts, referrals and consent"
    intro = (
        "Log every contact on the case, acknowledge the constituent, refer the case to the "
        "service, record consent before sharing anything, and escalate when a protocol says "
        "so. Evidence for AC2 (a complete log) and AC5 (protocols: escalation, consent)."
    )
    css = "casekit-contacts"

    def build(self) -> list[widgets.Widget]:
        self.case = self.case_picker()
        self.case.observe(self._on_case, names="value")

        self.c_channel = dropdown("Channel", choices(api.CHANNELS), "phone")
        self.c_direction = dropdown("Direction", choices(api.DIRECTIONS), "inbound")
        self.c_party = text("Who with", placeholder="e.g. the constituent, Sam Reid (Housing)")
        self.c_summary = textarea("What was said", rows=3)
        self.contact_button = button("Log this contact", css="casekit-log-contact")
        self.on(self.contact_button, self.log_contact)

        self.a_owner = text("Who is dealing with it", placeholder="name of the officer or you")
        self.a_channel = dropdown("Sent by", choices(api.CHANNELS), "email")
        self.a_text = textarea("Acknowledgement text (optional)", rows=3)
        self.ack_button = button("Send acknowledgement", css="casekit-acknowledge")
        self.on(self.ack_button, self.acknowledge)

        self.r_service = dropdown("Service", [], help="The council service to ask")
        self.r_officer = text("Officer (optional)", help="Leave empty for the service's contact")
        self.r_question = textarea("Question for the service", rows=3)
        self.refer_button = button("Refer to the service", css="casekit-refer")
        self.on(self.refer_button, self.refer)

        self.k_recipient = text(
            "Recipient (who may receive it)", placeholder="e.g. Midshire Housing Association"
        )
        self.k_purpose = text("Purpose", width=WIDE_WIDTH)
        self.k_evidence = text(
            "How consent was given",
            width=WIDE_WIDTH,
            placeholder="e.g. signed consent form, email of 6 Jan",
        )
        self.k_given_by = text(
            "Given by (optional)", help="Leave empty when the constituent gave it"
        )
        self.k_para23 = dropdown(
            "No consent? Para 23(2)",
            [("(consent was given)", ""), *choices(api.PARA_23_2_REASONS)],
            "",
            width=WIDE_WIDTH,
            help="Only when consent cannot be had: a reason in DPA 2018 Sch. 1 para 23(2)",
        )
        self.k_explanation = text(
            "Why consent cannot be had",
            width=WIDE_WIDTH,
            help="Your tutor will review the reason",
        )
        self.consent_button = button("Record consent", css="casekit-record-consent")
        self.on(self.consent_button, self.record_consent)

        self.s_recipient = combobox(
            "Share with", help="Recipients with recorded consent on this case are suggested"
        )
        self.s_purpose = text("Purpose", width=WIDE_WIDTH)
        self.s_what = textarea("What is shared", rows=2)
        self.share_button = button("Share", kind="warning", css="casekit-share")
        self.on(self.share_button, self.share)

        self.e_route = dropdown("Escalation route", [], width=WIDE_WIDTH)
        self.e_route.observe(self._on_route, names="value")
        self.e_about = widgets.HTML()
        self.e_about.add_class("casekit-route")
        self.e_reason = textarea("Reason", rows=2)
        self.escalate_button = button("Escalate", kind="danger", css="casekit-escalate")
        self.on(self.escalate_button, self.escalate)

        self.escalate_section = section(
            "Escalate",
            "When a protocol sends the case elsewhere (safeguarding, "
            "a statutory request, a complaint).",
            self.e_route,
            self.e_about,
            self.e_reason,
            self.escalate_button,
        )
        self.escalate_section.layout.grid_column = "1 / -1"  # the whole width: long routes
        self.history = widgets.HTML()
        self.history.add_class("casekit-history")
        self.history_section = section(
            "What has happened on this case",
            "Every contact, newest first, with what was said.",
            self.history,
        )
        self._routes: dict[str, Any] = {}
        return [
            self.case,
            columns(
                section(
                    "Log a contact",
                    "Every call, email, letter or meeting about the case.",
                    self.c_channel,
                    self.c_direction,
                    self.c_party,
                    self.c_summary,
                    self.contact_button,
                ),
                section(
                    "Acknowledge",
                    "Tell the constituent the enquiry is in hand and who deals with it.",
                    self.a_owner,
                    self.a_channel,
                    self.a_text,
                    self.ack_button,
                ),
                section(
                    "Refer to a service",
                    "Ask the service that owns the problem.",
                    self.r_service,
                    self.r_officer,
                    self.r_question,
                    self.refer_button,
                ),
                section(
                    "Record consent",
                    "Consent is for a named recipient and a purpose.",
                    self.k_recipient,
                    self.k_purpose,
                    self.k_evidence,
                    self.k_given_by,
                    self.k_para23,
                    self.k_explanation,
                    self.consent_button,
                ),
                section(
                    "Share with a third party",
                    "Only with recorded consent for this recipient.",
                    self.s_recipient,
                    self.s_purpose,
                    self.s_what,
                    self.share_button,
                ),
                self.escalate_section,
            ),
            self.history_section,
        ]

    def on_refresh(self, state: State) -> None:
        set_options(self.case, self.case_options(state))
        services = []
        if state.council is not None:
            services = [
                (f"{s.name} ({s.officer})" if s.officer else s.name, s.id)
                for s in state.council.services.values()
            ]
        set_options(self.r_service, services or [("(no services defined)", "")])
        self._routes = {r.id: r for r in state.profile.escalations}
        set_options(self.e_route, [(r.trigger, r.id) for r in self._routes.values()])
        self._show_route()
        self._show(state)

    def _on_case(self, _change: dict[str, Any]) -> None:
        if not self.filling:
            self._refresh()

    def _on_route(self, _change: dict[str, Any]) -> None:
        if not self.filling:
            self._show_route()

    def _show_route(self) -> None:
        route = self._routes.get(self.e_route.value)
        if route is None:
            self.e_about.value = ""
            return
        self.e_about.value = (
            "<p style='margin:2px 0'>"
            f"<strong>Goes to:</strong> {html.escape(plain(route.route))}. "
            f"<strong>When:</strong> {html.escape(plain(route.when))}. "
            f"<strong>Rule:</strong> {html.escape(plain(route.source))}.</p>"
        )

    def _show(self, state: State) -> None:
        case = self.selected_case(state, self.case)
        if case is None:
            self.history.value = "<p><em>No case logged yet.</em></p>"
            return
        self.s_recipient.options = sorted({str(c.get("recipient", "")) for c in case.consents})
        consents = [
            {
                "recipient": c.get("recipient", ""),
                "purpose": c.get("purpose", ""),
                "evidence": c.data.get("evidence", "")
                or api.PARA_23_2_REASONS.get(str(c.data.get("para_23_reason")), ""),
                "given_by": c.get("given_by", ""),
            }
            for c in case.consents
        ]
        self.history.value = history_html(state, case) + table_html(
            consents,
            [
                ("recipient", "Recipient"),
                ("purpose", "Purpose"),
                ("evidence", "Evidence"),
                ("given_by", "Given by"),
            ],
            caption="Consents recorded",
            empty="No consent recorded on this case.",
        )

    # -- actions --------------------------------------------------------------------
    def log_contact(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.log_contact(
                self.case.value or "",
                channel=self.c_channel.value,
                direction=self.c_direction.value,
                party=self.c_party.value,
                summary=self.c_summary.value,
            )
        self.c_summary.value = ""
        return f"Contact with {self.c_party.value} logged on {self.case.value}."

    def acknowledge(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.acknowledge(
                self.case.value or "",
                owner=self.a_owner.value,
                channel=self.a_channel.value,
                text=self.a_text.value,
            )
        self.a_text.value = ""
        return f"Acknowledgement sent on {self.case.value}, naming {self.a_owner.value}."

    def refer(self, _button: Any = None) -> str:
        with self.casework() as cw:
            event = cw.refer_to_service(
                self.case.value or "",
                service=self.r_service.value or "",
                question=self.r_question.value,
                officer=self.r_officer.value,
            )
        self.r_question.value = ""
        officer = event.data.get("officer")
        to = f"{event.data['service_name']}" + (f" ({officer})" if officer else "")
        return f"{self.case.value} referred to {to}."

    def record_consent(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.record_consent(
                self.case.value or "",
                recipient=self.k_recipient.value,
                purpose=self.k_purpose.value,
                evidence=self.k_evidence.value,
                given_by=self.k_given_by.value,
                para_23_reason=self.k_para23.value or "",
                explanation=self.k_explanation.value,
            )
        if self.k_para23.value:
            reason = api.PARA_23_2_REASONS[self.k_para23.value]
            self.k_para23.value = ""
            self.k_explanation.value = ""
            return (
                f"Recorded on {self.case.value}: acting without consent for "
                f"{self.k_recipient.value} ({reason}). For your tutor to review."
            )
        return (
            f"Consent recorded on {self.case.value} for {self.k_recipient.value}: "
            f"{self.k_purpose.value}."
        )

    def share(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.share_with_third_party(
                self.case.value or "",
                recipient=self.s_recipient.value,
                purpose=self.s_purpose.value,
                what=self.s_what.value,
            )
        self.s_what.value = ""
        return f"Shared with {self.s_recipient.value} and logged on {self.case.value}."

    def escalate(self, _button: Any = None) -> str:
        with self.casework() as cw:
            event = cw.escalate(
                self.case.value or "", route_id=self.e_route.value or "", reason=self.e_reason.value
            )
        self.e_reason.value = ""
        return plain(
            f"{self.case.value} escalated to {event.data['route']} "
            f"({event.data['when']}; {event.data['source']})."
        )


def contacts(workspace: str | Path) -> widgets.Widget:
    """The contacts, referral, consent and escalation form for ``workspace``."""
    return Contacts(workspace).widget
