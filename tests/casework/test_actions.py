"""The workflow: each action writes one event; each guard refuses, cites its rule, writes
nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from casekit.casework.actions import Casework
from casekit.errors import CasekitError
from casekit.record.workspace import Workspace
from tests.approved import approved_draft, send_approved

RECEIVED = "2025-12-19T10:00"  # Friday 19 December 2025
COUNCIL = {
    "name": "Charnwood Borough Council",
    "tier": "district",
    "wards": [
        {"id": "hastings", "name": "Loughborough Hastings", "sectors": ["LE11 3"]},
        {"id": "shelthorpe", "name": "Loughborough Shelthorpe", "sectors": ["LE11 2"]},
    ],
    "members": [
        {"id": "patel", "name": "Cllr Ada Patel", "wards": ["hastings"], "style": {}},
        {"id": "okafor", "name": "Cllr Ben Okafor", "wards": ["shelthorpe"], "style": {}},
    ],
    "services": [
        {"id": "repairs", "name": "Housing Repairs", "officer": "Sam Reed"},
        {"id": "waste", "name": "Waste Services", "officer": "Jo Hart"},
    ],
}
ANN = {
    "name": "Ann Smith",
    "postcode": "LE11 3AB",
    "address": "1 Hastings Street",
    "email": "ann@example.org",
    "phone": "01509 123456",
}


@pytest.fixture
def ws(workspace_factory: Callable[..., Workspace]) -> Workspace:
    """A workspace started on the day of receipt, with a council defined."""
    workspace = workspace_factory(start=datetime(2025, 12, 19, 10, 0))
    workspace.append("council_defined", COUNCIL, actor="system")
    return workspace


@pytest.fixture
def cw(ws: Workspace) -> Casework:
    return Casework(ws)


def receive(cw: Casework, **overrides: Any) -> str:
    args: dict[str, Any] = {
        "constituent": dict(ANN),
        "enquiry": "The damp in my flat is getting worse.",
        "category": "housing",
        "member_id": "patel",
        "received_at": RECEIVED,
    }
    args.update(overrides)
    return cw.receive_enquiry(**args).case_ref


def advance(ws: Workspace, to: str) -> None:
    """Move the simulation clock, as the scenario clock does."""
    ws.append("clock_advanced", {"to": to, "working_days": 1}, actor="system", at=to)


def only_new_event(ws: Workspace, before: int, kind: str) -> Any:
    """The single event written since ``before``, checked to be of ``kind``."""
    new = ws.events(since=before)
    assert len(new) == 1, [e.kind for e in new]
    assert new[0].kind == kind
    return new[0]


def refused(
    ws: Workspace, action: Callable[[], Any], source: str, rule: str | None = None
) -> CasekitError:
    """Assert the action is refused citing ``source`` and that nothing was written."""
    before = ws.log.count()
    with pytest.raises(CasekitError) as info:
        action()
    assert source in str(info.value), str(info.value)
    if rule is not None:
        assert info.value.rule == rule
        assert info.value.advice, "a guard's refusal says what to do instead"
    assert ws.log.count() == before
    assert ws.verify() == []
    return info.value


# -- intake ------------------------------------------------------------------------------
def test_receive_enquiry_writes_one_event_with_personal_values_apart(
    ws: Workspace, cw: Casework
) -> None:
    before = ws.log.count()
    result = cw.receive_enquiry(
        constituent=dict(ANN, postcode="le113ab"),
        enquiry=" Damp. ",
        category="housing",
        member_id="patel",
        channel="phone",
        received_at=RECEIVED,
    )
    event = only_new_event(ws, before, "enquiry_received")
    assert result.case_ref == "CK-0001" == event.case and result.notices == []
    assert event.data == {
        "case_kind": "member_enquiry",
        "category": "housing",
        "channel": "phone",
        "member_id": "patel",
        "ward_id": "hastings",
        "received_at": RECEIVED,
        "inbox_item": None,
        "pack_case": None,
        "source": "entered",
        "on_behalf": False,
        "warnings": [],
    }
    assert event.personal["constituent"]["postcode"] == "LE11 3AB"
    assert event.personal["enquiry"] == "Damp."
    assert "Ann Smith" not in str(event.data)
    case = ws.state().case("CK-0001")
    assert case.constituent["name"] == "Ann Smith" and case.status == "open"


def test_receive_enquiry_rejects_bad_fields_naming_them(ws: Workspace, cw: Casework) -> None:
    cases = {
        "postcode": {"constituent": dict(ANN, postcode="nowhere")},
        "email": {"constituent": dict(ANN, email="not-an-email")},
        "phone": {"constituent": dict(ANN, phone="12")},
        "constituent name": {"constituent": dict(ANN, name="  ")},
        "category": {"category": "dragons"},
        "channel": {"channel": "pigeon"},
        "case kind": {"case_kind": "wish"},
        "member": {"member_id": "nobody"},
        "received at": {"received_at": "yesterday-ish"},
        "enquiry": {"enquiry": ""},
    }
    for field, overrides in cases.items():
        before = ws.log.count()
        with pytest.raises(CasekitError) as info:
            receive(cw, **overrides)
        assert info.value.field == field, (field, info.value)
        assert ws.log.count() == before


def test_intake_warns_of_a_duplicate_across_members(ws: Workspace, cw: Casework) -> None:
    first = receive(cw)
    result = cw.receive_enquiry(
        constituent=dict(ANN),
        enquiry="Still damp",
        category="housing",
        member_id="okafor",
        received_at=RECEIVED,
    )
    rules = [n.rule for n in result.notices]
    assert "possible-duplicate" in rules
    notice = result.notices[rules.index("possible-duplicate")]
    assert first in notice.message and "Cllr Ada Patel" in notice.message
    assert notice.source == "Member/officer protocol: one case per problem [I]"
    assert (
        ws.events(kinds=["enquiry_received"])[-1].data["warnings"][
            rules.index("possible-duplicate")
        ]["rule"]
        == "possible-duplicate"
    )
    # the same problem at the same address, reported by someone else
    neighbour = cw.receive_enquiry(
        constituent={"name": "Neighbour", "postcode": "LE11 3AB", "address": "1 Hastings Street"},
        enquiry="Damp",
        category="housing",
        member_id="patel",
    )
    assert "possible-duplicate" in [n.rule for n in neighbour.notices]
    # a closed case is not a duplicate
    fresh = cw.receive_enquiry(
        constituent={"name": "Someone Else", "postcode": "LE11 3XY"},
        enquiry="Bins",
        category="waste",
        member_id="patel",
    )
    assert fresh.notices == []


def test_intake_warns_when_not_in_the_members_ward(ws: Workspace, cw: Casework) -> None:
    result = cw.receive_enquiry(
        constituent=dict(ANN, postcode="LE11 2AB"),
        enquiry="Damp",
        category="housing",
        member_id="patel",
    )
    (notice,) = result.notices
    assert notice.rule == "not-in-ward"
    assert "Loughborough Hastings" in notice.message and "Cllr Ada Patel" in notice.message
    assert "casework for the member's own ward residents" in notice.source
    case = ws.state().case(result.case_ref)
    assert case is not None  # a warning, not a refusal
    assert "LE11 2AB" in case.warnings[0]["message"]
    # the chain keeps the warning with the postcode withheld: erasure must leave none behind
    stored = ws.events(kinds=["enquiry_received"])[-1]
    assert stored.data["warnings"][0]["rule"] == "not-in-ward"
    assert "LE11 2AB" not in str(stored.data) and "[postcode]" in str(stored.data)
    send_approved(ws, result.case_ref, "You live in another ward.")
    cw.close(result.case_ref, outcome="passed to the ward member")
    cw.anonymise_expired(date(2027, 6, 1))
    erased = ws.state().case(result.case_ref)
    assert erased.warnings[0]["rule"] == "not-in-ward"
    assert "[postcode]" in erased.warnings[0]["message"]


def test_intake_warns_of_the_wrong_tier(ws: Workspace, cw: Casework) -> None:
    result = cw.receive_enquiry(
        constituent=dict(ANN), enquiry="Pothole", category="highways", member_id="patel"
    )
    (notice,) = result.notices
    assert notice.rule == "wrong-tier" and "county" in notice.message
    assert notice.source == "Local Government Act 1972 (functions of county and district councils)"
    outside = cw.receive_enquiry(
        constituent={"name": "Other One"}, enquiry="GP", category="outside_remit", member_id="patel"
    )
    assert [n.rule for n in outside.notices] == ["wrong-tier"]


def test_link_duplicate(ws: Workspace, cw: Casework) -> None:
    a, b = receive(cw), receive(cw)
    before = ws.log.count()
    cw.link_duplicate(b, a, "same damp problem")
    event = only_new_event(ws, before, "duplicate_linked")
    assert event.case == b and event.data == {"other": a, "reason": "same damp problem"}
    refused(ws, lambda: cw.link_duplicate(a, a, "x"), "A case cannot duplicate itself")
    refused(
        ws, lambda: cw.link_duplicate(a, "CK-9999", "x"), "Casework audit trail", "unknown-case"
    )
    # a duplicate can close without a reply of its own
    cw.close(b, outcome="linked to the first case")


# -- clocks on fixed dates ---------------------------------------------------------------
def test_clocks_on_fixed_dates(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    state = ws.state()
    clocks = state.clocks(state.case(ref))
    assert clocks["acknowledge"].due == date(2025, 12, 23)
    assert clocks["respond"].due == date(2026, 1, 7)  # 10 WD, England, over Christmas
    before = ws.log.count()
    cw.start_clock(ref, "foi")
    event = only_new_event(ws, before, "clock_started")
    assert event.data == {
        "clock": "foi",
        "received_at": RECEIVED,
        "source": "FOIA 2000 s10(1) and s10(6)",
        "due": "2026-01-22",
    }
    state = ws.state()
    assert state.clocks(state.case(ref))["foi"].due == date(2026, 1, 22)  # 20th WD, UK
    with pytest.raises(CasekitError, match="already running"):
        cw.start_clock(ref, "foi")
    with pytest.raises(CasekitError) as info:
        cw.start_clock(ref, "stopwatch")
    assert info.value.field == "clock"


def test_extend_stop_restart(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw, case_kind="complaint")
    before = ws.log.count()
    cw.extend_clock(ref, "respond", reason="waiting for the surveyor", working_days=5)
    event = only_new_event(ws, before, "clock_extended")
    state = ws.state()
    due = state.clocks(state.case(ref))["respond"].due
    assert event.data == {
        "clock": "respond",
        "working_days": 5,
        "months": 0,
        "reason": "waiting for the surveyor",
        "due": due.isoformat(),
        "told_on": "2025-12-19",
        "late": False,
    }
    before = ws.log.count()
    cw.stop_clock(ref, "respond", reason="waiting for the constituent's photos")
    assert only_new_event(ws, before, "clock_stopped").data == {
        "clock": "respond",
        "reason": "waiting for the constituent's photos",
        "awaiting": "other",
    }
    state = ws.state()
    assert state.clocks(state.case(ref))["respond"].status == "stopped"
    refused(ws, lambda: cw.stop_clock(ref, "respond", reason="again"), "already stopped")
    before = ws.log.count()
    cw.restart_clock(ref, "respond")
    restarted = only_new_event(ws, before, "clock_restarted").data
    assert restarted["clock"] == "respond" and restarted["arrived_on"] == "2025-12-19"
    assert restarted["afresh"] is False
    refused(ws, lambda: cw.restart_clock(ref, "respond"), "is not stopped")
    refused(
        ws,
        lambda: cw.extend_clock(ref, "nope", reason="r", working_days=1),
        "There is no nope clock",
    )


def test_extension_over_the_limit_is_refused(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw, case_kind="complaint")
    cw.extend_clock(ref, "respond", reason="survey", working_days=6)
    err = refused(
        ws,
        lambda: cw.extend_clock(ref, "respond", reason="more", working_days=5),
        "LGSCO Complaint Handling Code",
        "extension-limit",
    )
    assert "at most 4 more working days" in err.message
    # FOIA s10(3): a public interest extension of up to 20 working days (the kit refused
    # any FOI extension before: that was the wrong law).
    cw.start_clock(ref, "foi")
    refused(
        ws,
        lambda: cw.extend_clock(ref, "foi", reason="public interest test", working_days=21),
        "FOIA 2000 s10(3) and s17(2)",
        "extension-limit",
    )
    cw.extend_clock(ref, "foi", reason="public interest test", working_days=20)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_extension_or_stop_without_a_reason_is_refused(
    ws: Workspace, cw: Casework, reason: Any
) -> None:
    ref = receive(cw, case_kind="complaint")
    source = "LGSCO Complaint Handling Code; ICO guidance on time limits"
    refused(
        ws,
        lambda: cw.extend_clock(ref, "respond", reason=reason, working_days=2),
        source,
        "extension-needs-reason",
    )
    refused(
        ws, lambda: cw.stop_clock(ref, "respond", reason=reason), source, "extension-needs-reason"
    )


# -- facts, contacts, referrals ---------------------------------------------------------
def test_record_and_verify_a_fact(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    before = ws.log.count()
    fid = cw.record_fact(ref, "Repair reported on 1 December", claimed_by="constituent")
    event = only_new_event(ws, before, "fact_recorded")
    assert fid == "F1"
    assert event.data["fact_id"] == "F1" and event.data["claimed_by"] == "constituent"
    assert event.personal == {"statement": "Repair reported on 1 December"}
    before = ws.log.count()
    cw.verify_fact(
        ref,
        fid,
        source="Repairs system",
        result="discrepancy",
        found="Reported 4 December",
        resolution="Constituent agreed the date",
    )
    event = only_new_event(ws, before, "fact_verified")
    assert {
        "fact_id": "F1",
        "source": "Repairs system",
        "result": "discrepancy",
        "resolved": True,
    }.items() <= event.data.items()
    assert event.personal == {
        "found": "Reported 4 December",
        "resolution": "Constituent agreed the date",
    }
    assert ws.state().case(ref).facts["F1"].settled
    refused(
        ws,
        lambda: cw.verify_fact(ref, "F9", source="x", result="confirmed"),
        "fact 'F9' is not recorded",
    )
    with pytest.raises(CasekitError) as info:
        cw.verify_fact(ref, fid, source="x", result="maybe")
    assert info.value.field == "result"


def test_log_contact_and_acknowledge(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    before = ws.log.count()
    cw.log_contact(
        ref,
        channel="phone",
        direction="outbound",
        party="Ann Smith",
        summary="Explained next steps",
    )
    event = only_new_event(ws, before, "contact_logged")
    assert event.data == {"channel": "phone", "direction": "outbound"}
    assert event.personal == {"party": "Ann Smith", "summary": "Explained next steps"}
    before = ws.log.count()
    cw.acknowledge(ref, owner="Sam Reed, Housing Repairs", text="Thank you")
    event = only_new_event(ws, before, "acknowledgement_sent")
    assert event.data == {"channel": "email", "owner": "Sam Reed, Housing Repairs"}
    state = ws.state()
    assert state.clocks(state.case(ref))["acknowledge"].status == "met"


def test_refer_to_service(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    before = ws.log.count()
    cw.refer_to_service(ref, service="repairs", question="When will the damp be treated?")
    event = only_new_event(ws, before, "referred_to_service")
    assert event.data == {
        "service": "repairs",
        "service_name": "Housing Repairs",
        "officer": "Sam Reed",
        "basis": ws.profile.rule("referral-basis").source,
    }
    # the member acts on the constituent's own request: art. 6(1)(e) and para 23, never
    # para 24 (which is the council's disclosure *to* a member)
    assert "para 23" in event.data["basis"] and "para 24" not in event.data["basis"]
    assert event.personal == {"question": "When will the damp be treated?"}
    with pytest.raises(CasekitError) as info:
        cw.refer_to_service(ref, service="parks", question="?")
    assert info.value.field == "service"


def test_escalate(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    before = ws.log.count()
    cw.escalate(ref, route_id="adult-safeguarding", reason="Neighbour says she is not eating")
    event = only_new_event(ws, before, "escalated")
    assert event.data["route"] == "adult social care front door"
    assert event.data["source"] == "Care Act 2014 s42" and event.data["same_day"] is True
    assert event.personal == {"reason": "Neighbour says she is not eating"}
    with pytest.raises(CasekitError) as info:
        cw.escalate(ref, route_id="the-press", reason="x")
    assert info.value.field == "escalation route"


# -- consent and sharing ---------------------------------------------------------------
def test_share_needs_consent_for_that_recipient(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    share = lambda: cw.share_with_third_party(  # noqa: E731
        ref, recipient="Midland Heart", purpose="repair", what="name and address"
    )
    # the member/officer protocol and UK GDPR fairness, not para 23 (which lets a member
    # act *without* consent in the cases of para 23(2))
    err = refused(ws, share, "UK GDPR art. 5(1)(a)", "share-needs-consent")
    assert err.source.startswith("Member/officer protocol")
    assert "para 23" not in err.source
    assert "Midland Heart" in err.message and "para 23(2)" in err.advice
    cw.record_consent(ref, recipient="Some Other Landlord", purpose="repair", evidence="email")
    refused(ws, share, "Member/officer protocol", "share-needs-consent")
    before = ws.log.count()
    cw.record_consent(
        ref, recipient="Midland Heart", purpose="repair", evidence="signed consent form"
    )
    event = only_new_event(ws, before, "consent_recorded")
    assert event.data == {"evidence": "signed consent form"}
    assert event.personal == {
        "recipient": "Midland Heart",
        "purpose": "repair",
        "given_by": "Ann Smith",
    }
    before = ws.log.count()
    share()
    event = only_new_event(ws, before, "shared_with_third_party")
    assert event.personal == {
        "recipient": "Midland Heart",
        "purpose": "repair",
        "what": "name and address",
    }


def test_third_party_needs_the_subjects_consent(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw, on_behalf_of={"name": "Mary Smith", "relationship": "mother"})
    assert ws.events(case=ref)[0].data["on_behalf"] is True
    source = "DPA 2018 Sch. 1 para 23 and 23(2); ICO guidance for elected representatives (2023)"
    err = refused(
        ws,
        lambda: cw.refer_to_service(ref, service="repairs", question="?"),
        source,
        "third-party-needs-consent",
    )
    assert "Mary Smith" in err.message
    cw.record_consent(ref, recipient="Housing Repairs", purpose="repair", evidence="email")
    refused(
        ws,
        lambda: cw.share_with_third_party(
            ref, recipient="Housing Repairs", purpose="repair", what="the case"
        ),
        source,
        "third-party-needs-consent",
    )
    cw.record_consent(
        ref,
        recipient="Housing Repairs",
        purpose="repair",
        evidence="power of attorney seen",
        given_by="Mary Smith",
    )
    cw.refer_to_service(ref, service="repairs", question="?")
    cw.share_with_third_party(ref, recipient="Housing Repairs", purpose="repair", what="the case")


# -- replies and closing ---------------------------------------------------------------
def test_reply_on_unverified_facts_needs_a_reason(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    cw.record_fact(ref, "The landlord was told in November")
    draft = approved_draft(ws, ref, "Dear Ann")
    err = refused(
        ws,
        lambda: cw.send_reply(ref, text="Dear Ann", draft_id=draft),
        "Unit outcome LO2",
        "reply-needs-verified-facts",
    )
    assert "F1 The landlord was told in November" in err.message
    before = ws.log.count()
    cw.send_reply(
        ref, text="Dear Ann", draft_id=draft, unverified_reason="the member asked for it today"
    )
    event = only_new_event(ws, before, "reply_sent")
    approval = ws.state().case(ref).approvals[-1]
    assert event.data == {
        "channel": "email",
        "draft_id": draft,
        "final": True,
        "unverified": ["F1"],
        "unverified_reason": "the member asked for it today",
        "text_sha256": approval.data["text_sha256"],
        "approval_seq": approval.seq,
    }
    assert event.personal == {"text": "Dear Ann"}


def test_reply_completes_clocks_and_close_reopen(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    fid = cw.record_fact(ref, "x")
    cw.verify_fact(ref, fid, source="system", result="confirmed")
    advance(ws, "2026-01-06T09:00")
    send_approved(ws, ref, "Dear Ann, done.")
    state = ws.state()
    clocks = state.clocks(state.case(ref))
    assert clocks["respond"].status == "met" and clocks["acknowledge"].status == "missed"
    before = ws.log.count()
    cw.close(ref, outcome="repair done")
    event = only_new_event(ws, before, "case_closed")
    assert event.data == {"outcome": "repair done", "reason": ""}
    assert ws.state().case(ref).status == "closed"
    refused(ws, lambda: cw.reopen("CK-0002", reason="x"), "Casework audit trail")
    before = ws.log.count()
    cw.reopen(ref, reason="the repair failed")
    assert only_new_event(ws, before, "case_reopened").data == {"reason": "the repair failed"}
    assert ws.state().case(ref).status == "open"
    refused(ws, lambda: cw.reopen(ref, reason="again"), "is not closed")


def test_close_without_a_reply_is_refused(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    refused(
        ws,
        lambda: cw.close(ref, outcome="done"),
        "Member/officer protocol: every enquiry gets a full response",
        "close-without-reply",
    )
    cw.close(ref, outcome="withdrawn", reason="the constituent withdrew it by phone")


def test_close_with_an_open_statutory_clock_is_refused(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw, case_kind="member_enquiry")
    cw.start_clock(ref, "foi")
    send_approved(ws, ref, "Reply")
    err = refused(
        ws,
        lambda: cw.close(ref, outcome="done"),
        "FOIA 2000 s10(1) and s10(6)",
        "close-with-open-clock",
    )
    assert "Thu 22 Jan 2026" in err.message
    # passing the request to information governance lets the case close
    cw.escalate(ref, route_id="information-request", reason="FOI inside the enquiry")
    cw.close(ref, outcome="done")


def test_a_casework_reply_never_stops_a_statutory_clock(ws: Workspace, cw: Casework) -> None:
    # Old law in the kit: a final reply completed the SAR clock. Only the statutory
    # response does (casework-rules.md section 3, "Statutory response").
    ref = receive(cw)
    cw.start_clock(ref, "sar")
    send_approved(ws, ref, "Your repair is booked.")
    state = ws.state()
    clocks = state.clocks(state.case(ref))
    assert clocks["sar"].status == "running" and clocks["respond"].status == "met"
    refused(ws, lambda: cw.close(ref, outcome="answered"), "UK GDPR art. 12(3)")
    cw.send_statutory_response(ref, "sar", outcome="sar_copy", text="Your data")
    state = ws.state()
    assert state.clocks(state.case(ref))["sar"].status == "met"
    cw.close(ref, outcome="answered")


def test_acting_on_a_closed_case_is_refused(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    send_approved(ws, ref, "Reply")
    cw.close(ref, outcome="done")
    source = "Casework audit trail (unit outcome LO3)"
    actions: list[Callable[[], Any]] = [
        lambda: cw.record_fact(ref, "x"),
        lambda: cw.send_reply(ref, text="again"),
        lambda: cw.refer_to_service(ref, service="repairs", question="?"),
        lambda: cw.record_consent(ref, recipient="A", purpose="B", evidence="C"),
        lambda: cw.share_with_third_party(ref, recipient="A", purpose="B", what="C"),
        lambda: cw.acknowledge(ref, owner="me"),
        lambda: cw.send_holding_reply(ref, reason="r", new_date="2026-02-01"),
        lambda: cw.close(ref, outcome="again"),
        lambda: cw.start_clock(ref, "foi"),
        lambda: cw.extend_clock(ref, "respond", reason="r", working_days=1),
    ]
    for action in actions:
        refused(ws, action, source, "reply-after-close")
    # contacts and escalations can still be logged on a closed case
    cw.log_contact(ref, channel="phone", direction="inbound", party="Ann", summary="thanks")


def test_holding_reply(ws: Workspace, cw: Casework) -> None:
    ref = receive(cw)
    source = "Member/officer protocol: interim update with a reason and a new date [I]"
    refused(
        ws,
        lambda: cw.send_holding_reply(ref, reason="", new_date="2026-01-20"),
        source,
        "holding-reply-needs-date",
    )
    refused(
        ws,
        lambda: cw.send_holding_reply(ref, reason="waiting", new_date=""),
        source,
        "holding-reply-needs-date",
    )
    refused(
        ws,
        lambda: cw.send_holding_reply(ref, reason="waiting", new_date=None),
        source,
        "holding-reply-needs-date",
    )
    with pytest.raises(CasekitError, match="not after today"):
        cw.send_holding_reply(ref, reason="waiting", new_date="2025-12-19")
    before = ws.log.count()
    cw.send_holding_reply(
        ref, reason="waiting for the contractor", new_date=date(2026, 1, 20), to_member=True
    )
    event = only_new_event(ws, before, "holding_reply_sent")
    assert event.data == {
        "reason": "waiting for the contractor",
        "new_date": "2026-01-20",
        "channel": "email",
        "to": "member",
    }


def test_learner_details(ws: Workspace, cw: Casework) -> None:
    before = ws.log.count()
    cw.record_learner_details(
        name="Lee Learner", registration="R123", centre="Loughborough", assessor="Ms Assessor"
    )
    event = only_new_event(ws, before, "learner_details_recorded")
    assert event.data == {"registration": "R123", "centre": "Loughborough"}
    assert event.personal == {"name": "Lee Learner", "assessor": "Ms Assessor"}
    assert ws.state().learner["name"] == "Lee Learner"


def test_unknown_case_is_refused_everywhere(ws: Workspace, cw: Casework) -> None:
    refused(ws, lambda: cw.record_fact("CK-0404", "x"), "Casework audit trail", "unknown-case")
    refused(ws, lambda: cw.send_reply("CK-0404", text="x"), "Casework audit trail", "unknown-case")
    refused(ws, lambda: cw.close(None, outcome="x"), "Casework audit trail", "unknown-case")


def test_the_whole_workflow_keeps_the_chain(ws: Workspace, cw: Casework) -> None:
    test_reply_completes_clocks_and_close_reopen(ws, cw)
    assert ws.verify() == []
    assert [e.seq for e in ws.events()] == list(range(1, ws.log.count() + 1))
