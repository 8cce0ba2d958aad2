"""The contacts form: contacts, acknowledgement, referral, consent, sharing, escalation."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.ui.contacts_step import Contacts
from tests.ui.support import council_workspace, events, log_case, status_text, unlabelled


@pytest.fixture
def form(tmp_path: Path) -> Contacts:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    return Contacts(path)


def test_log_contact_and_acknowledge(form: Contacts) -> None:
    form.c_party.value = "Mary Walsh"
    form.c_summary.value = "She rang to add that the damp is spreading."
    form.contact_button.click()
    [contact] = events(form.path, "contact_logged")
    assert contact.data == {"channel": "phone", "direction": "inbound"}
    assert "Contact with Mary Walsh logged on CK-0001" in status_text(form.status)
    assert "Received by phone: Mary Walsh" in status_text(form.history)

    form.a_owner.value = "Sam Reid"
    form.ack_button.click()
    [ack] = events(form.path, "acknowledgement_sent")
    assert ack.data["owner"] == "Sam Reid"


def test_share_without_consent_cites_the_protocol_and_writes_nothing(form: Contacts) -> None:
    form.s_recipient.value = "Midshire Housing Association"
    form.s_purpose.value = "Arrange the repair"
    form.s_what.value = "Name, address and the damp report"
    form.share_button.click()
    shown = status_text(form.status)
    assert "there is no recorded consent" in shown
    # the member/officer protocol and UK GDPR fairness (para 23 is the reverse: acting
    # without consent); the learner is told a para 23(2) reason may be recorded instead
    assert "Rule: Member/officer protocol" in shown and "art. 5(1)(a)" in shown
    assert "para 23(2) reason" in shown
    assert events(form.path, "shared_with_third_party") == []
    assert form.s_what.value  # nothing typed is lost

    form.k_recipient.value = "Midshire Housing Association"
    form.k_purpose.value = "Arrange the repair"
    form.k_evidence.value = "Email from Mary, 6 Jan"
    form.consent_button.click()
    assert len(events(form.path, "consent_recorded")) == 1
    assert form.s_recipient.options == ("Midshire Housing Association",)  # suggested
    form.share_button.click()
    assert len(events(form.path, "shared_with_third_party")) == 1
    assert "Shared with Midshire Housing Association" in status_text(form.status)


def test_refer_uses_council_services(form: Contacts) -> None:
    assert [v for _, v in form.r_service.options] == ["s-housing", "s-highways"]
    form.r_service.value = "s-housing"
    form.r_question.value = "When will the damp survey be done?"
    form.refer_button.click()
    [ref] = events(form.path, "referred_to_service")
    assert ref.data["service_name"] == "Housing Repairs" and ref.data["officer"] == "Sam Reid"
    assert "referred to Housing Repairs (Sam Reid)" in status_text(form.status)


def test_escalation_routes_come_from_the_profile(form: Contacts) -> None:
    form.e_route.value = "adult-safeguarding"
    assert "Care Act 2014 s42" in form.e_about.value
    form.e_reason.value = ""
    form.escalate_button.click()
    assert "reason is empty" in status_text(form.status)
    form.e_reason.value = "Mentions a neighbour who may be neglected"
    form.escalate_button.click()
    [esc] = events(form.path, "escalated")
    assert esc.data["route_id"] == "adult-safeguarding"
    assert "Care Act 2014 s42" in status_text(form.status)


def test_every_control_is_labelled(form: Contacts) -> None:
    assert unlabelled(form.widget) == []


def test_a_para_23_reason_instead_of_consent(form: Contacts) -> None:
    form.k_recipient.value = "Midshire Housing Association"
    form.k_purpose.value = "Arrange the repair"
    form.k_para23.value = "cannot_reasonably_obtain"
    form.k_explanation.value = ""
    form.consent_button.click()
    assert "why consent cannot be had is empty" in status_text(form.status)
    form.k_explanation.value = "Mary is abroad and cannot be reached this month."
    form.consent_button.click()
    assert "For your tutor to review" in status_text(form.status)
    [consent] = events(form.path, "consent_recorded")
    assert consent.data["para_23_reason"] == "cannot_reasonably_obtain"
    assert "para 23(2)(b)" in form.history.value
    form.s_recipient.value = "Midshire Housing Association"
    form.s_purpose.value = "Arrange the repair"
    form.s_what.value = "Name, address and the damp report"
    form.share_button.click()  # the reason stands in for consent
    assert len(events(form.path, "shared_with_third_party")) == 1
