"""Every casework refusal names the field the learner must correct (the form highlights
it), and the rule, source and advice where the learner acts on them; what a permitted
action records is checked field by field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from casekit.api.workspaces import new_workspace
from casekit.casework.actions import Casework
from casekit.casework.base import Notice
from casekit.casework.intake import check_constituent, check_subject
from casekit.errors import CasekitError
from casekit.record.workspace import Workspace
from casekit.rules.vocabulary import STATUTORY_OUTCOMES
from casekit.scenarios.generate import generate, render
from casekit.scenarios.simclock import advance
from tests.approved import send_approved

LONG = "x" * 2001


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pack") / "pack.json"
    path.write_text(render(*generate(3, 1, "intro"))[0], encoding="utf-8")
    return path


@pytest.fixture
def case(tmp_path: Path, pack: Path) -> Iterator[tuple[Casework, str]]:
    """The pack's enquiry, logged as a member enquiry with an FOI request inside it."""
    ws: Workspace = new_workspace(tmp_path / "ws", pack=pack, learner="refusals")
    try:
        item = ws.state().unhandled_inbox()[0]
        cw = Casework(ws)
        ref = cw.receive_enquiry(
            constituent=dict(item.personal["constituent"]),
            enquiry=item.personal["enquiry"],
            category="housing",
            channel=item.data["channel"],
            member_id=item.data["member_id"],
            received_at=item.data["received_at"],
            inbox_item=item.data["timeline_item"],
        ).case_ref
        cw.start_clock(ref, "foi")
        yield cw, ref
    finally:
        ws.close()


def _tomorrow(cw: Casework) -> str:
    return (cw.ws.now.date() + timedelta(days=1)).isoformat()


Action = Callable[[Casework, str], Any]
REFUSALS: list[tuple[str, Action, str, str]] = [
    # (what, action, field, words of the message)
    (
        "a channel",
        lambda cw, r: cw.log_contact(
            r, channel="pigeon", direction="inbound", party="A", summary="s"
        ),
        "channel",
        "pigeon",
    ),
    (
        "a direction",
        lambda cw, r: cw.log_contact(r, channel="phone", direction="up", party="A", summary="s"),
        "direction",
        "up",
    ),
    (
        "a party",
        lambda cw, r: cw.log_contact(
            r, channel="phone", direction="inbound", party=LONG[:201], summary="s"
        ),
        "party",
        "200",
    ),
    (
        "an officer",
        lambda cw, r: cw.refer_to_service(r, service="x", question="q", officer=LONG[:201]),
        "officer",
        "200",
    ),
    (
        "a service",
        lambda cw, r: cw.refer_to_service(r, service="nowhere", question="q"),
        "service",
        "service 'nowhere' is not one of ",
    ),
    (
        "a recipient",
        lambda cw, r: cw.share_with_third_party(r, recipient=LONG[:201], purpose="p", what="w"),
        "recipient",
        "200",
    ),
    (
        "a purpose",
        lambda cw, r: cw.share_with_third_party(r, recipient="MP", purpose=LONG[:501], what="w"),
        "purpose",
        "500",
    ),
    (
        "what was shared",
        lambda cw, r: cw.share_with_third_party(r, recipient="MP", purpose="p", what=LONG),
        "what was shared",
        "2000",
    ),
    (
        "consent evidence",
        lambda cw, r: cw.record_consent(
            r,
            recipient="MP",
            purpose="p",
            para_23_reason="cannot_give",
            explanation="e",
            evidence=LONG[:501],
        ),
        "evidence",
        "500",
    ),
    (
        "consent given by",
        lambda cw, r: cw.record_consent(
            r, recipient="MP", purpose="p", evidence="letter", given_by=LONG[:201]
        ),
        "given by",
        "200",
    ),
    (
        "a holding reply's date",
        lambda cw, r: cw.send_holding_reply(r, reason="r", new_date="someday"),
        "new date",
        "someday",
    ),
    (
        "a holding reply's channel",
        lambda cw, r: cw.send_holding_reply(
            r, reason="r", new_date=_tomorrow(cw), channel="pigeon"
        ),
        "channel",
        "pigeon",
    ),
    (
        "a holding reply's text",
        lambda cw, r: cw.send_holding_reply(r, reason="r", new_date=_tomorrow(cw), text=12),
        "holding reply text",
        "text",
    ),
    ("a reply's text", lambda cw, r: cw.send_reply(r, text=""), "reply text", "reply text"),
    (
        "a reply's reason",
        lambda cw, r: cw.send_reply(r, text="t", unverified_reason="x" * 1001),
        "reason for replying before verifying",
        "1000",
    ),
    (
        "a reply's finality",
        lambda cw, r: cw.send_reply(r, text="t", final="yes"),
        "final",
        "final must be true or false.",
    ),
    ("a clock", lambda cw, r: cw.start_clock(r, "sars"), "clock", "sars"),
    (
        "a clock's received time",
        lambda cw, r: cw.start_clock(r, "sar", received_at="soon"),
        "received at",
        "soon",
    ),
    (
        "a clock already running",
        lambda cw, r: cw.start_clock(r, "foi"),
        "clock",
        "The FOI clock is already running on ",
    ),
    (
        "a case's clock",
        lambda cw, r: cw.extend_clock(r, "eir", reason="r", working_days=1),
        "clock",
        "There is no eir clock on ",
    ),
    (
        "an arrival date",
        lambda cw, r: cw.restart_clock(r, "foi", arrived_on="never"),
        "arrived on",
        "never",
    ),
    (
        "a future arrival",
        lambda cw, r: cw.restart_clock(r, "foi", arrived_on=_tomorrow(cw)),
        "arrived on",
        "is after today",
    ),
    (
        "a clock not stopped",
        lambda cw, r: cw.restart_clock(r, "foi"),
        "clock",
        "The foi clock is not stopped.",
    ),
    (
        "an outcome",
        lambda cw, r: cw.send_statutory_response(r, "foi", outcome="maybe"),
        "outcome",
        "maybe",
    ),
    (
        "a response channel",
        lambda cw, r: cw.send_statutory_response(
            r, "foi", outcome="information_given", channel="pigeon"
        ),
        "channel",
        "pigeon",
    ),
    (
        "a statutory clock",
        lambda cw, r: cw.send_statutory_response(r, "sar", outcome="information_given"),
        "clock",
        "There is no statutory clock 'sar' on ",
    ),
    (
        "an outcome for the request",
        lambda cw, r: cw.send_statutory_response(r, "foi", outcome="sar_copy"),
        "outcome",
        "is not a response to a Freedom of Information request",
    ),
    (
        "a duplicate of itself",
        lambda cw, r: cw.link_duplicate(r, r, "same"),
        "other case",
        "A case cannot duplicate itself.",
    ),
    ("a duplicate's reason", lambda cw, r: cw.link_duplicate(r, "CK-0002", ""), "reason", "reason"),
    (
        "a stage 2 reason",
        lambda cw, r: cw.start_complaint_stage_two(r, reason="x" * 1001),
        "reason",
        "1000",
    ),
]


@pytest.mark.parametrize(
    ("action", "field", "words"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_a_refusal_names_the_field_to_correct(
    case: tuple[Casework, str], action: Action, field: str, words: str
) -> None:
    cw, ref = case
    before = cw.ws.log.count()
    with pytest.raises(CasekitError) as err:
        action(cw, ref)
    assert err.value.field == field
    assert words in err.value.message
    assert cw.ws.log.count() == before  # nothing written


def test_refusals_that_say_what_to_do(case: tuple[Casework, str]) -> None:
    cw, ref = case
    with pytest.raises(CasekitError) as err:
        cw.refer_to_service(ref, service="nowhere", question="q")
    assert err.value.advice == "Choose the service from the list."
    with pytest.raises(CasekitError) as err:
        cw.start_clock(ref, "foi")
    assert err.value.advice == "Look at its deadline on the dashboard instead."
    with pytest.raises(CasekitError) as err:
        cw.extend_clock(ref, "eir", reason="r", working_days=1)
    assert err.value.advice == "Choose one of the case's clocks from the list."
    with pytest.raises(CasekitError) as err:
        cw.restart_clock(ref, "foi", arrived_on=_tomorrow(cw))
    assert err.value.advice == "Give the day the answer actually arrived."
    with pytest.raises(CasekitError) as err:
        cw.send_holding_reply(ref, reason="r", new_date=cw.ws.now.date().isoformat())
    assert err.value.message.startswith("new date ") and "is not after today" in err.value.message
    assert (err.value.field, err.value.advice) == (
        "new date",
        "Give the date by which the constituent will hear again.",
    )
    with pytest.raises(CasekitError) as err:
        cw.stop_clock(ref, "foi", reason="  ")
    assert (err.value.rule, err.value.field) == ("extension-needs-reason", "reason")


def test_a_clock_stopped_twice_and_a_response_sent_twice_are_refused(
    case: tuple[Casework, str],
) -> None:
    cw, ref = case
    cw.stop_clock(ref, "foi", reason="which years?", awaiting="clarification")
    with pytest.raises(CasekitError) as err:
        cw.stop_clock(ref, "foi", reason="again")
    assert (err.value.message, err.value.field) == ("The foi clock is already stopped.", "clock")
    cw.restart_clock(ref, "foi")
    cw.send_statutory_response(ref, "foi", outcome="information_given")
    with pytest.raises(CasekitError) as err:
        cw.send_statutory_response(ref, "foi", outcome="information_given")
    assert err.value.message == (
        "The Freedom of Information request has already had its statutory response (met)."
    )
    assert (err.value.rule, err.value.field) == ("clock-state", "clock")


def test_only_a_complaint_goes_to_stage_two(case: tuple[Casework, str]) -> None:
    cw, ref = case
    with pytest.raises(CasekitError) as err:
        cw.start_complaint_stage_two(ref, reason="still unhappy")
    assert err.value.message == f"{ref} is not logged as a complaint."
    assert (err.value.rule, err.value.field) == ("stage2-needs-stage1", "case")
    assert err.value.advice == "Only a complaint goes to stage 2 of the complaints procedure."


def test_what_permitted_actions_record(case: tuple[Casework, str]) -> None:
    cw, ref = case
    held = cw.send_holding_reply(ref, reason="survey", new_date=_tomorrow(cw))
    assert held.data["to"] == "constituent"
    to_member = cw.send_holding_reply(ref, reason="survey", new_date=_tomorrow(cw), to_member=True)
    assert to_member.data["to"] == "member"
    consent = cw.record_consent(
        ref, recipient="MP", purpose="p", para_23_reason="cannot_give", explanation="in hospital"
    )
    assert consent.data == {
        "evidence": "",
        "basis": "DPA 2018 Sch. 1 para 23(2)",
        "para_23_reason": "cannot_give",
        "tutor_to_confirm": True,
    }


def test_the_inbox_item_already_logged_says_to_open_the_case(
    case: tuple[Casework, str],
) -> None:
    cw, ref = case
    item = cw.ws.state().inbox[str(cw.ws.state().case(ref).inbox_item)]
    with pytest.raises(CasekitError) as err:
        cw.receive_enquiry(
            constituent={"name": "A Person"},
            enquiry="again",
            category="housing",
            member_id=item.data["member_id"],
            inbox_item=item.data["timeline_item"],
        )
    assert (err.value.field, err.value.advice) == ("inbox item", "Open the existing case instead.")


@pytest.mark.parametrize(
    ("details", "field", "words"),
    [
        (
            {"name": "A", "email": "not-an-email"},
            "email",
            "email 'not-an-email' is not an email address.",
        ),
        ({"name": "A", "postcode": "LE11 3ABCDEF"}, "postcode", "10"),
        ({"name": "A", "title": "Honourables"}, "title", "10"),
        ({"name": "A", "phone": "12"}, "phone", "phone '12' is not a UK phone number."),
    ],
)
def test_constituent_details_are_refused_by_field(
    details: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(CasekitError) as err:
        check_constituent(details)
    assert err.value.field == field and words in err.value.message


def test_the_person_an_enquiry_is_about() -> None:
    with pytest.raises(CasekitError) as err:
        check_subject("my mother")
    assert err.value.field == "on behalf of"
    with pytest.raises(CasekitError) as err:
        check_subject({"name": "x" * 201})
    assert err.value.field == "name of the person it is about" and "200" in err.value.message
    assert check_subject({"name": "Mary Jones", "relationship": "mother"}) == {
        "name": "Mary Jones",
        "relationship": "mother",
    }
    assert check_constituent({"name": "A", "title": "Dr"}).as_dict()["title"] == "Dr"


def test_a_notice_reads_as_message_rule_and_advice() -> None:
    notice = Notice("possible-duplicate", "This looks like CK-0001.", "Protocol s3", "Link it.")
    assert str(notice) == "This looks like CK-0001. Rule: Protocol s3. What to do: Link it."
    assert notice.as_dict() == {
        "rule": "possible-duplicate",
        "message": "This looks like CK-0001.",
        "source": "Protocol s3",
        "advice": "Link it.",
    }


def test_a_wrong_outcome_lists_the_right_ones(case: tuple[Casework, str]) -> None:
    cw, ref = case
    with pytest.raises(CasekitError) as err:
        cw.send_statutory_response(ref, "foi", outcome="sar_copy")
    assert (err.value.rule, err.value.field) == ("statutory-outcome", "outcome")
    assert err.value.advice is not None and err.value.advice.startswith("Choose one of: ")
    assert err.value.advice.count("; ") == 3 and err.value.advice.endswith(".")


def test_a_late_statutory_response_cannot_be_sent_again(case: tuple[Casework, str]) -> None:
    cw, ref = case
    advance(cw.ws, 40)  # past the FOI deadline
    first = cw.send_statutory_response(ref, "foi", outcome="information_given")
    assert first.data["late"] is True
    with pytest.raises(CasekitError) as err:
        cw.send_statutory_response(ref, "foi", outcome="information_given")
    assert err.value.message.endswith("has already had its statutory response (missed).")


def test_a_contact_on_an_unknown_case_is_refused(case: tuple[Casework, str]) -> None:
    cw, _ref = case
    with pytest.raises(CasekitError) as err:
        cw.log_contact("CK-9999", channel="phone", direction="inbound", party="A", summary="s")
    assert err.value.rule == "unknown-case"


EXACT: list[tuple[str, Action, str]] = [
    (
        "final",
        lambda cw, r: cw.send_reply(r, text="t", final="yes"),
        "final must be true or false.",
    ),
    ("itself", lambda cw, r: cw.link_duplicate(r, r, "same"), "A case cannot duplicate itself."),
    (
        "no clock",
        lambda cw, r: cw.send_statutory_response(r, "sar", outcome="information_given"),
        "There is no statutory clock 'sar' on {ref}.",
    ),
]


@pytest.mark.parametrize(("action", "message"), [e[1:] for e in EXACT], ids=[e[0] for e in EXACT])
def test_refusals_in_their_exact_words(
    case: tuple[Casework, str], action: Action, message: str
) -> None:
    cw, ref = case
    with pytest.raises(CasekitError) as err:
        action(cw, ref)
    assert err.value.message == message.format(ref=ref)


def test_the_outcomes_a_request_allows_are_listed_in_full(case: tuple[Casework, str]) -> None:
    cw, ref = case
    with pytest.raises(CasekitError) as err:
        cw.send_statutory_response(ref, "foi", outcome="sar_copy")
    assert err.value.advice == (
        "Choose one of: "
        + "; ".join(
            STATUTORY_OUTCOMES[o]
            for o in ("information_given", "refused", "partly_refused", "not_held")
        )
        + "."
    )


def test_consent_details_are_checked_by_field(case: tuple[Casework, str]) -> None:
    cw, ref = case
    with pytest.raises(CasekitError) as err:
        cw.record_consent(ref, recipient="MP", purpose="p", evidence="x" * 501)
    assert err.value.field == "how consent was given"
    with pytest.raises(CasekitError) as err:
        cw.record_consent(ref, recipient="MP", purpose="p", para_23_reason="cannot_give")
    assert err.value.field == "why consent cannot be had"
    sent = cw.acknowledge(ref, owner="Housing")
    assert sent.personal == {"text": ""}


def test_an_invalid_email_is_quoted_back() -> None:
    with pytest.raises(CasekitError) as err:
        check_constituent({"name": "A", "email": "not-an-email"})
    assert err.value.message == "email 'not-an-email' is not an email address."


def test_a_complaint_answered_late_can_go_to_stage_two(tmp_path: Path, pack: Path) -> None:
    ws = new_workspace(tmp_path / "ws2", pack=pack, learner="refusals")
    try:
        item = ws.state().unhandled_inbox()[0]
        cw = Casework(ws)
        ref = cw.receive_enquiry(
            constituent=dict(item.personal["constituent"]),
            enquiry=item.personal["enquiry"],
            category="housing",
            case_kind="complaint",
            member_id=item.data["member_id"],
            received_at=item.data["received_at"],
            inbox_item=item.data["timeline_item"],
        ).case_ref
        with pytest.raises(CasekitError) as err:
            cw.start_complaint_stage_two(ref, reason="still unhappy")
        assert (err.value.rule, err.value.field) == ("stage2-needs-stage1", "case")
        advance(ws, 40)
        send_approved(ws, ref, "I am sorry this took so long; the repair is now booked.")
        assert ws.state().clocks(ws.state().case(ref))["respond"].status == "missed"
        with pytest.raises(CasekitError) as err:
            cw.start_complaint_stage_two(ref, reason="still unhappy", received_at="soon")
        assert err.value.field == "received at"
        started = cw.start_complaint_stage_two(ref, reason="still unhappy")
        assert started.kind == "complaint_stage_two_started"
    finally:
        ws.close()


def test_a_notice_carries_its_rule_s_source_and_advice(case: tuple[Casework, str]) -> None:
    cw, ref = case
    first = cw.ws.state().case(ref)
    again = cw.receive_enquiry(
        constituent=dict(first.constituent),
        enquiry="The same damp again.",
        category="housing",
        member_id=first.member_id,
    )
    assert again.notices, "the same person and problem is flagged as a possible duplicate"
    for notice in again.notices:
        rule = cw.profile.rule(notice.rule)
        assert (notice.source, notice.advice) == (rule.source, rule.advice)
        assert notice.source and notice.advice


def test_notices_and_enquirers_cannot_be_changed_once_made() -> None:
    import dataclasses

    notice = Notice("r", "m", "s", "a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        notice.advice = ""  # type: ignore[misc]
    who = check_constituent({"name": "A"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        who.name = "B"  # type: ignore[misc]
