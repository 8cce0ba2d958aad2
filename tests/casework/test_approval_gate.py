"""The member's approval gate, both ways: the approved text goes out; a returned, an
unsubmitted, a missing or an altered draft is refused, citing the protocol, writing nothing.

Issue 10 tried these as a learner would: every one of them was sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.casework.actions import Casework
from casekit.drafting.approval import record_member_approval, submit_for_approval, text_digest
from casekit.drafting.case_drafts import save_draft
from casekit.errors import CasekitError
from casekit.feedback.tutor_review import for_tutor_to_confirm
from casekit.record.workspace import Workspace
from tests.approved import approved_draft

PROTOCOL = "Member/officer protocol: replies in the member's name go out only as the member"
COUNCIL = {
    "name": "Charnwood Borough Council",
    "tier": "unitary",
    "wards": [{"id": "hastings", "name": "Loughborough Hastings", "sectors": ["LE11 3"]}],
    "members": [
        {
            "id": "patel",
            "name": "Cllr Ada Patel",
            "wards": ["hastings"],
            "style": {"greeting": "Dear {first}", "sign_off": "Kind regards"},
        }
    ],
    "services": [{"id": "repairs", "name": "Housing Repairs", "officer": "Sam Reed"}],
}
APPROVES = "Member/officer protocol: the member approves replies sent in their name [I]"
GOOD = (
    "Dear Ann,\n\nThank you for your message. The repairs team will inspect the damp on "
    "12 January and will write to you with a date for the work within 10 working days. "
    "Your reference is CK-0001. If you need anything, please contact Sam Reed on 0300 "
    "123 4567.\n\nKind regards,\nCllr Ada Patel\n"
)


@pytest.fixture
def ws(workspace_factory: Callable[..., Workspace]) -> Workspace:
    workspace = workspace_factory(start=datetime(2026, 1, 5, 9, 0))
    workspace.append("council_defined", COUNCIL, actor="system")
    return workspace


@pytest.fixture
def case(ws: Workspace) -> str:
    return (
        Casework(ws)
        .receive_enquiry(
            constituent={"name": "Ann Smith", "postcode": "LE11 3AB"},
            enquiry="Damp in the bedroom.",
            category="housing",
            member_id="patel",
        )
        .case_ref
    )


def refused(ws: Workspace, action: Callable[[], Any], rule: str) -> CasekitError:
    before = ws.log.head()
    with pytest.raises(CasekitError) as err:
        action()
    assert ws.log.head() == before, "a refusal wrote something"
    assert err.value.rule == rule
    assert err.value.source.startswith(PROTOCOL) and err.value.advice
    return err.value


def test_the_approved_text_goes_out(ws: Workspace, case: str) -> None:
    saved, _ = save_draft(ws, case, letter_kind="full_reply", text=GOOD)
    _, decision = submit_for_approval(ws, case, saved.data["draft_id"])
    assert decision.approved, decision.comments
    approval = ws.events(kinds=["draft_approved"])[-1]
    assert approval.data["text_sha256"] == text_digest(GOOD)
    sent = Casework(ws).send_reply(case, text=GOOD, draft_id="D1")
    assert sent.data["text_sha256"] == text_digest(GOOD)
    assert sent.data["approval_seq"] == approval.seq
    # line endings and surrounding space are not changes
    again = approved_draft(ws, case, "Dear Ann,\r\nIt is booked.\r\n")
    Casework(ws).send_reply(case, text="  Dear Ann,\nIt is booked.", draft_id=again, final=False)


def test_a_reply_without_a_draft_is_refused(ws: Workspace, case: str) -> None:
    err = refused(ws, lambda: Casework(ws).send_reply(case, text=GOOD), "reply-needs-draft")
    assert "no draft" in err.message and err.field == "draft"


def test_a_draft_never_put_to_the_member_is_refused(ws: Workspace, case: str) -> None:
    save_draft(ws, case, letter_kind="full_reply", text=GOOD)
    err = refused(
        ws,
        lambda: Casework(ws).send_reply(case, text=GOOD, draft_id="D1"),
        "reply-draft-not-approved",
    )
    assert "has not been put to the councillor" in err.message
    assert "phone" in err.advice  # says what to do, including approval another way


def test_a_returned_draft_is_refused_and_a_new_draft_can_be_put_again(
    ws: Workspace, case: str
) -> None:
    party = GOOD.replace("Thank you", "Thanks to the Labour group") + "\nVote for Labour!"
    save_draft(ws, case, letter_kind="full_reply", text=party)
    _, decision = submit_for_approval(ws, case, "D1")
    assert not decision.approved
    refused(
        ws,
        lambda: Casework(ws).send_reply(case, text=party, draft_id="D1"),
        "reply-draft-returned",
    )
    refused(
        ws,
        lambda: record_member_approval(
            ws, case, "D1", approved_by="Cllr Patel", approved_at="2026-01-05T09:30", how="phone"
        ),
        "approval-after-return",
    )
    save_draft(ws, case, letter_kind="full_reply", text=GOOD)
    _, decision = submit_for_approval(ws, case, "D2")
    assert decision.approved
    Casework(ws).send_reply(case, text=GOOD, draft_id="D2")


def test_an_approved_draft_with_changed_text_is_refused(ws: Workspace, case: str) -> None:
    draft = approved_draft(ws, case, GOOD)
    altered = GOOD.replace("12 January", "13 January")
    err = refused(
        ws,
        lambda: Casework(ws).send_reply(case, text=altered, draft_id=draft),
        "reply-text-changed",
    )
    assert err.field == "reply text"
    refused(
        ws,
        lambda: Casework(ws).send_reply(case, text=GOOD + "\nP.S. Vote for me.", draft_id=draft),
        "reply-text-changed",
    )


def test_an_approval_logged_before_digests_were_kept_compares_the_draft_text(
    ws: Workspace, case: str
) -> None:
    save_draft(ws, case, letter_kind="full_reply", text=GOOD)
    ws.append("draft_approved", {"draft_id": "D1", "approved": True}, case=case, actor="member")
    refused(
        ws,
        lambda: Casework(ws).send_reply(case, text=GOOD + "more", draft_id="D1"),
        "reply-text-changed",
    )
    Casework(ws).send_reply(case, text=GOOD, draft_id="D1")


def test_approval_another_way_is_accepted_and_flagged_for_the_tutor(
    ws: Workspace, case: str
) -> None:
    save_draft(ws, case, letter_kind="full_reply", text=GOOD)
    to = "2026-01-06T09:00"  # the next morning, the learner records Monday's surgery
    ws.append("clock_advanced", {"to": to, "working_days": 1}, actor="system", at=to)
    event = record_member_approval(
        ws,
        case,
        "D1",
        approved_by="Cllr Ada Patel",
        approved_at="05/01/2026 10:15",
        how="surgery",
        note="Read it through with her at the Saturday surgery.",
    )
    assert event.actor == "learner" and event.data["route"] == "surgery"
    assert event.data["tutor_to_confirm"] is True
    assert event.data["approved_at"] == "2026-01-05T10:15"
    assert event.data["text_sha256"] == text_digest(GOOD)
    [item] = for_tutor_to_confirm(ws.state())
    assert item.kind == "approval-another-way" and item.case == case
    assert "for your tutor to confirm" in item.summary and "Cllr Ada Patel" in item.summary
    Casework(ws).send_reply(case, text=GOOD, draft_id="D1")
    with pytest.raises(CasekitError, match="already"):
        submit_for_approval(ws, case, "D1")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"approved_at": "2026-02-01T09:00"}, "when it was approved"),  # in the future
        ({"approved_at": "2025-12-01T09:00"}, "when it was approved"),  # before the draft
        ({"how": "pigeon"}, "how it was approved"),
        ({"approved_at": "not a time"}, "when it was approved"),
        ({"approved_by": "  "}, "who approved it"),
        ({"draft_id": "D9"}, "draft"),
    ],
)
def test_approval_another_way_refuses_what_cannot_be(
    ws: Workspace, case: str, changes: dict[str, Any], field: str
) -> None:
    save_draft(ws, case, letter_kind="full_reply", text=GOOD)
    args: dict[str, Any] = {
        "draft_id": "D1",
        "approved_by": "Cllr Ada Patel",
        "approved_at": "2026-01-05T09:30",
        "how": "phone",
    }
    args.update(changes)
    before = ws.log.head()
    with pytest.raises(CasekitError) as err:
        record_member_approval(ws, case, **args)
    assert err.value.field == field
    assert ws.log.head() == before


_EDITS = st.tuples(
    st.integers(min_value=0, max_value=len(GOOD.strip()) - 1),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=3),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edit=_EDITS)
def test_any_change_inside_the_approved_text_is_refused(
    ws: Workspace, case: str, edit: tuple[int, str]
) -> None:
    if not ws.state().case(case).drafts:
        approved_draft(ws, case, GOOD)
    where, extra = edit
    body = GOOD.strip()
    altered = body[:where] + extra + body[where:]
    if text_digest(altered) == text_digest(GOOD):
        return
    before = ws.log.head()
    with pytest.raises(CasekitError) as err:
        Casework(ws).send_reply(case, text=altered, draft_id="D1")
    assert err.value.rule in ("reply-text-changed", None)  # None: the text check refused it
    assert ws.log.head() == before


def _refusal(ws: Workspace, action: Callable[[], Any]) -> CasekitError:
    before = ws.log.head()
    with pytest.raises(CasekitError) as err:
        action()
    assert ws.log.head() == before, "a refusal wrote something"
    return err.value


def test_a_draft_is_decided_once_whichever_way_it_was_approved(ws: Workspace, case: str) -> None:
    save_draft(ws, case, letter_kind="full_reply", text=GOOD)
    record_member_approval(
        ws, case, "D1", approved_by="Cllr Ada Patel", approved_at="2026-01-05T09:00", how="phone"
    )
    again = _refusal(
        ws,
        lambda: record_member_approval(
            ws,
            case,
            "D1",
            approved_by="Cllr Ada Patel",
            approved_at="2026-01-05T09:00",
            how="phone",
        ),
    )
    assert (again.message, again.rule, again.field) == (
        "Draft D1 is already approved.",
        "draft-decided-once",
        "draft",
    )
    assert again.source == APPROVES
    assert again.advice == "Send the approved draft from the drafting form."
    put = _refusal(ws, lambda: submit_for_approval(ws, case, "D1"))
    assert (put.message, put.rule, put.field) == (
        "Draft D1 was already approved.",
        "draft-decided-once",
        "draft",
    )
    assert put.source == APPROVES


def test_an_unknown_draft_is_refused_at_each_step(ws: Workspace, case: str) -> None:
    put = _refusal(ws, lambda: submit_for_approval(ws, case, "D9"))
    assert put.message == f"There is no saved draft 'D9' on case {case}."
    assert (put.rule, put.source, put.field) == ("unknown-draft", "Casework audit trail", "draft")
    recorded = _refusal(
        ws,
        lambda: record_member_approval(
            ws,
            case,
            "D9",
            approved_by="Cllr Ada Patel",
            approved_at="2026-01-05T09:00",
            how="phone",
        ),
    )
    assert (recorded.rule, recorded.field) == ("unknown-draft", "draft")
    assert recorded.advice == "Save the draft first, then record the councillor's approval of it."
    sent = _refusal(ws, lambda: Casework(ws).send_reply(case, text=GOOD, draft_id="D9"))
    assert (sent.rule, sent.source, sent.field) == (
        "unknown-draft",
        "Casework audit trail",
        "draft",
    )
    nowhere = _refusal(
        ws,
        lambda: record_member_approval(
            ws,
            "CK-0099",
            "D1",
            approved_by="Cllr Ada Patel",
            approved_at="2026-01-05T09:00",
            how="phone",
        ),
    )
    assert (nowhere.rule, nowhere.field) == ("unknown-case", "case")


def test_a_case_without_its_member_cannot_be_put_for_approval(
    workspace_factory: Callable[..., Workspace],
) -> None:
    ws = workspace_factory(start=datetime(2026, 1, 5, 9, 0))  # no council, so no members
    ref = (
        Casework(ws)
        .receive_enquiry(
            constituent={"name": "Bo Li", "postcode": "LE11 3AB"},
            enquiry="Potholes.",
            category="highways",
        )
        .case_ref
    )
    save_draft(ws, ref, letter_kind="full_reply", text=GOOD)
    err = _refusal(ws, lambda: submit_for_approval(ws, ref, "D1"))
    assert err.message == f"Case {ref} has no member on record to approve its drafts."
    assert (err.rule, err.field) == ("draft-needs-member", "member")
    assert err.source == APPROVES


def test_the_case_member_reviews_in_their_own_style(ws: Workspace, case: str) -> None:
    save_draft(ws, case, letter_kind="full_reply", text=GOOD.replace("Dear Ann", "Hi Ann"))
    _, decision = submit_for_approval(ws, case, "D1")
    assert not decision.approved
    assert any("Dear Ann" in comment for comment in decision.comments)
