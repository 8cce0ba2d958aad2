"""The simulated member: approves a draft that sounds like them and is safe, returns one that
is not, with comments that follow from the findings; the decision is an event in the log."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from casekit.drafting import check_draft
from casekit.drafting.approval import Decision, review_draft, submit_for_approval
from casekit.drafting.findings import Finding
from casekit.errors import CasekitError
from casekit.record.workspace import Workspace
from casekit.rules.profile import load_profile

LETTERS = Path(__file__).parents[1] / "data" / "letters"
PEOPLE = json.loads((LETTERS / "people.json").read_text())
PROFILE = load_profile("default")
SHAH = PEOPLE["members"]["shah"]
CASE = PEOPLE["case"]


def review(name: str, **kwargs: object):
    text = (LETTERS / name).read_text()
    findings = check_draft(
        text, profile=PROFILE, member=SHAH, case=CASE, known_people=PEOPLE["known_people"], **kwargs
    )  # type: ignore[arg-type]
    return review_draft(text, member=SHAH, findings=findings, profile=PROFILE)


def test_a_good_reply_is_approved_without_comments() -> None:
    decision = review("good_reply.txt")
    assert decision.approved and decision.comments == []
    assert decision.note.startswith("Approved")


def test_a_partisan_draft_comes_back_citing_the_act() -> None:
    decision = review("partisan_party.txt")
    assert not decision.approved
    assert decision.comments == [
        "Please take out the reference to 'Labour group': officers' drafts must stay neutral "
        "(Local Government Act 1986 s2; Code of Recommended Practice on Local Authority "
        "Publicity (2011))."
    ]


def test_style_comments_speak_in_the_members_voice() -> None:
    decision = review("style_informal.txt")
    assert not decision.approved
    assert "I always open with 'Dear Mrs Patel', not 'Hiya Asha'." in decision.comments
    assert "I always sign off 'Yours sincerely'." in decision.comments
    assert (
        "Next time, use one of my phrases, such as 'I will keep pressing until this is put right'."
    ) in decision.comments


def test_advice_alone_is_approved_with_a_comment() -> None:
    decision = review("style_hard_going.txt")
    assert decision.approved
    assert decision.comments == ["Could you make it simpler? Shorter sentences, please."]


def test_a_leak_names_the_person_and_the_rule() -> None:
    decision = review("leak_third_party.txt")
    assert not decision.approved
    assert decision.comments[0].startswith("Please take out John Barker")
    assert "UK GDPR art. 5(1)(c)" in decision.comments[0]


def test_a_campaigning_draft_comes_back_and_an_empty_one_is_refused() -> None:
    decision = review("partisan_call.txt")
    assert not decision.approved
    assert decision.comments == [
        "Please take out 'vote for': casework is not campaigning (Local Government Act 1986 "
        "s2; Code of Recommended Practice on Local Authority Publicity (2011))."
    ]
    assert decision.note == "Please revise and resend: see my comments."
    with pytest.raises(CasekitError) as err:
        review_draft("  ", member=SHAH, findings=[], profile=PROFILE)
    assert err.value.field == "text"


COUNCIL = {
    "name": "Northfield District Council",
    "tier": "district",
    "wards": [{"id": "northfield", "name": "Northfield", "sectors": ["NF1 2"]}],
    "members": [
        {"id": "M1", "name": SHAH["name"], "wards": ["northfield"], "style": SHAH["style"]}
    ],
    "services": [{"id": "repairs", "name": "Housing Repairs", "officer": "Sam Okafor"}],
}


@pytest.fixture
def worked(workspace_factory: Callable[..., Workspace]) -> tuple[Workspace, str]:
    from casekit.casework.actions import Casework

    ws = workspace_factory(start=datetime(2026, 1, 5, 10, 0))
    ws.append("council_defined", COUNCIL, actor="system")
    ref = (
        Casework(ws)
        .receive_enquiry(
            constituent={"name": "Asha Patel", "postcode": "NF1 2AB"},
            enquiry="The damp in my bathroom is getting worse.",
            category="housing",
            member_id="M1",
            received_at="2026-01-05T10:00",
        )
        .case_ref
    )
    return ws, ref


def save(ws: Workspace, ref: str, letter: str) -> str:
    """Save a fixture letter as a draft on ``ref`` (the workspace holds no officer's or
    member's phone and email, so the letter gives none)."""
    from casekit.drafting.case_drafts import save_draft

    text = (
        (LETTERS / letter)
        .read_text()
        .replace("NF-2026-0007", ref)
        .replace(
            "contact Sam Okafor on 01632 960123, or email me at priya.shah@council.example.gov.uk",
            "contact me by replying to this letter",
        )
    )
    event, _ = save_draft(ws, ref, letter_kind="full_reply", text=text)
    return event.data["draft_id"]


def test_submit_records_approval_as_a_member_event(worked: tuple[Workspace, str]) -> None:
    ws, ref = worked
    draft_id = save(ws, ref, "good_reply.txt")
    event, decision = submit_for_approval(ws, ref, draft_id)
    assert decision.approved
    assert (event.kind, event.actor, event.case) == ("draft_approved", "member", ref)
    assert event.data["draft_id"] == draft_id
    assert event.data["findings_summary"] == {"advice": 0, "warning": 0, "breach": 0}
    assert ws.state().case(ref).approvals[-1].seq == event.seq


def test_submit_returns_a_partisan_draft_with_comments(worked: tuple[Workspace, str]) -> None:
    ws, ref = worked
    draft_id = save(ws, ref, "partisan_party.txt")
    event, decision = submit_for_approval(ws, ref, draft_id)
    assert event.kind == "draft_returned" and not decision.approved
    assert event.get("comments") == decision.comments
    assert "Labour group" in decision.comments[0]
    assert event.data["findings_summary"]["warning"] == 1
    assert "party_names" in event.data["checks"]


def test_submit_refuses_unknown_and_already_decided_drafts(
    worked: tuple[Workspace, str],
) -> None:
    ws, ref = worked
    before = len(ws.events())
    with pytest.raises(CasekitError) as err:
        submit_for_approval(ws, ref, "D99")
    assert err.value.field == "draft"
    assert len(ws.events()) == before
    draft_id = save(ws, ref, "good_reply.txt")
    submit_for_approval(ws, ref, draft_id)
    count = len(ws.events())
    with pytest.raises(CasekitError) as err:
        submit_for_approval(ws, ref, draft_id)
    assert "already approved" in str(err.value)
    assert len(ws.events()) == count


def _finding(check: str, severity: str = "advice", expected: str = "", words: str = "") -> Finding:
    return Finding("style", severity, "m", words, 0, 0, "Protocol", "AC3", check, expected)


def test_a_missing_greeting_or_sign_off_asks_for_the_members_own() -> None:
    member = {"name": "Cllr X", "style": {"greeting": "Dear {first}", "sign_off": "Best wishes"}}
    decision = review_draft(
        "Text.",
        member=member,
        findings=[_finding("greeting_missing"), _finding("sign_off_missing")],
        profile=PROFILE,
    )
    assert decision.comments[0] == "Please open with 'Dear {first}'."
    assert "Best wishes" in decision.comments[1]


def test_the_default_profile_decides_when_none_is_given() -> None:
    findings = [_finding("greeting", "breach", words="Hiya", expected="Dear Asha")]
    assert (
        review_draft("Text.", member=SHAH, findings=findings)
        == review_draft("Text.", member=SHAH, findings=findings, profile=PROFILE)
        == Decision(
            approved=False,
            comments=["I always open with 'Dear Asha', not 'Hiya'."],
            note="Please revise and resend: see my comments.",
        )
    )
    assert Decision(True).note == ""


def test_an_empty_draft_names_the_rule() -> None:
    with pytest.raises(CasekitError) as err:
        review_draft("", member=SHAH, findings=[], profile=PROFILE)
    assert (err.value.rule, err.value.source, err.value.field) == (
        "draft-is-text",
        "casekit drafting",
        "text",
    )
