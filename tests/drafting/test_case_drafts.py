"""Drafting on a workspace (``casekit.drafting.case_drafts``): starting drafts for a pack's
case in the member's style, live checks, saving a draft with its findings, refusals that
write nothing, and the pre-election period read from a challenge pack."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.api.workspaces import new_workspace
from casekit.casework.actions import Casework
from casekit.drafting import LETTER_KINDS
from casekit.drafting.case_drafts import (
    check_case_draft,
    in_pre_election,
    save_draft,
    starting_draft,
)
from casekit.errors import CasekitError
from casekit.record.workspace import Workspace
from casekit.scenarios.simclock import advance
from tests.approved import send_approved

ROOT = Path(__file__).resolve().parents[2]
RECIPIENT = {"referral": "service", "member_update": "member"}
# What only the learner can say: a holding reply's reason and new date (the form asks).
# What the learner types into the form where the log cannot know it.
OUTCOME = {"outcome": "a surveyor will inspect the damp on 12 February"}
EXTRA = {
    "holding_reply": {
        "reason": "the housing team is still arranging a surveyor",
        "new_date": date(2026, 2, 20),
    },
    "full_reply": OUTCOME,
    "member_update": {"progress": "the housing team has booked a surveyor"},
    "signposting": {
        "organisation": "the Energy Ombudsman",
        "how_to_contact": "at energyombudsman.org or on 0330 440 1624",
    },
}


def _log_first(ws: Workspace) -> str:
    """Log the first enquiry of the pack, acknowledge it naming the owner, and refer it."""
    item = ws.state().unhandled_inbox()[0]
    cw = Casework(ws)
    council = ws.state().council
    # Housing where the council runs it; else the first service it runs (a county council
    # has no housing service).
    service = council.service_for("housing") or next(
        s for s in council.services.values() if s.category != "outside_remit"
    )
    ref = cw.receive_enquiry(
        constituent=dict(item.personal["constituent"]),
        enquiry=item.personal["enquiry"],
        category=service.category,
        channel=item.data["channel"],
        member_id=item.data["member_id"],
        received_at=item.data["received_at"],
        inbox_item=item.data["timeline_item"],
    ).case_ref
    cw.acknowledge(ref, owner=f"the {service.name} team")
    cw.refer_to_service(ref, service=service.id, question="Please look into the problem.")
    return ref


@pytest.fixture
def pack_ws(tmp_path: Path) -> Any:
    ws = new_workspace(tmp_path / "ws", pack=ROOT / "scenarios" / "standard.json")
    try:
        yield ws, _log_first(ws)
    finally:
        ws.close()


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_every_starting_draft_passes_the_checks(pack_ws: Any, kind: str) -> None:
    ws, ref = pack_ws
    text = starting_draft(ws, ref, kind, EXTRA.get(kind))
    member = ws.state().council.members[ws.state().case(ref).member_id]
    assert text.strip() and ref in text
    assert member.name.split()[-1] in text  # signed in the member's name
    findings = check_case_draft(ws, ref, text, recipient=RECIPIENT.get(kind, "constituent"))
    above = [f for f in findings if f.above_advice]
    assert above == [], [(f.kind, f.check, f.message) for f in above]
    assert not [f for f in findings if f.kind in ("completeness", "neutrality")]


def test_a_saved_draft_keeps_findings_without_quoting_words_in_the_chain(pack_ws: Any) -> None:
    ws, ref = pack_ws
    text = starting_draft(ws, ref, "full_reply", OUTCOME).replace(
        "\n\n", "\n\nThe Labour Party fixed this, so vote for us.\n\n", 1
    )
    event, findings = save_draft(ws, ref, letter_kind="full_reply", text=text)
    quoted = [f.words for f in findings if f.words]
    assert any(f.kind == "neutrality" for f in findings) and quoted
    stored = event.data["findings"]
    assert len(stored) == len(findings)
    assert all(set(f) == {"kind", "severity", "check", "rule", "criterion"} for f in stored)
    chained = json.dumps(event.data)
    assert not any(words in chained for words in quoted)
    assert [f["words"] for f in event.personal["findings"]] == [f.words for f in findings]
    assert event.personal["text"] == text
    assert event.data["draft_id"] in ws.state().case(ref).drafts


def test_a_holding_reply_draft_needs_the_learners_reason(pack_ws: Any) -> None:
    ws, ref = pack_ws
    err = _refused(ws, lambda: starting_draft(ws, ref, "holding_reply"))
    assert err.field == "extra.reason" and "why the full reply is delayed" in str(err)


def _refused(ws: Workspace, call: Any) -> CasekitError:
    before = len(ws.events())
    with pytest.raises(CasekitError) as err:
        call()
    assert len(ws.events()) == before
    return err.value


def test_bad_drafts_are_refused_and_write_nothing(pack_ws: Any) -> None:
    ws, ref = pack_ws
    assert (
        _refused(ws, lambda: save_draft(ws, ref, letter_kind="sonnet", text="Hi")).field
        == "letter kind"
    )
    for empty in ("", "   \n "):
        assert (
            _refused(
                ws, lambda e=empty: save_draft(ws, ref, letter_kind="full_reply", text=e)
            ).field
            == "draft text"
        )
    assert (
        _refused(ws, lambda: save_draft(ws, ref, letter_kind="full_reply", text="x" * 20_001)).field
        == "draft text"
    )
    _refused(ws, lambda: save_draft(ws, "CK-0999", letter_kind="full_reply", text="Hello"))
    _refused(ws, lambda: starting_draft(ws, "CK-0999", "full_reply"))


def test_a_draft_on_a_closed_case_is_refused(pack_ws: Any) -> None:
    ws, ref = pack_ws
    cw = Casework(ws)
    send_approved(ws, ref, starting_draft(ws, ref, "full_reply", OUTCOME))
    cw.close(ref, outcome="Answered.")
    _refused(ws, lambda: save_draft(ws, ref, letter_kind="full_reply", text="More news."))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300), kind=st.sampled_from([*LETTER_KINDS, "", "poem"]))
def test_any_draft_is_either_saved_with_its_findings_or_refused(
    pack_ws: Any, text: str, kind: str
) -> None:
    ws, ref = pack_ws
    before = len(ws.events())
    try:
        event, findings = save_draft(ws, ref, letter_kind=kind, text=text)
    except CasekitError:
        assert len(ws.events()) == before
        return
    assert len(ws.events()) == before + 1
    assert len(event.data["findings"]) == len(findings)


def test_pre_election_period_comes_from_the_challenge_pack(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path / "ws", pack=ROOT / "scenarios" / "challenge.json")
    try:
        window = json.loads(ws.pack_path.read_text("utf-8"))["pre_election"]
        start, end = date.fromisoformat(window["start"]), date.fromisoformat(window["end"])
        state = ws.state()
        assert in_pre_election(state, start) and in_pre_election(state, end)
        assert not in_pre_election(state, start - timedelta(days=1))
        assert not in_pre_election(state, end + timedelta(days=1))

        ref = _log_first(ws)
        text = starting_draft(ws, ref, "full_reply", OUTCOME).replace(
            "\n\n", "\n\nThe council will announce a new initiative soon.\n\n", 1
        )
        assert ws.now.date() < start
        event, findings = save_draft(ws, ref, letter_kind="full_reply", text=text)
        assert event.data["pre_election"] is False
        assert not [f for f in findings if f.check == "pre_election_extra"]

        while ws.now.date() < start:
            advance(ws, 1)
        event, findings = save_draft(ws, ref, letter_kind="full_reply", text=text)
        assert event.data["pre_election"] is True
        extra = [f for f in findings if f.check == "pre_election_extra"]
        assert extra and all(f.kind == "neutrality" and f.above_advice for f in extra)
    finally:
        ws.close()


def test_no_pre_election_period_without_one_in_the_pack(pack_ws: Any) -> None:
    ws, _ = pack_ws
    assert ws.state().pack.get("pre_election") in (None, {})
    assert not in_pre_election(ws.state(), date(2026, 5, 7))


@pytest.mark.parametrize(
    ("kind", "field"),
    [("full_reply", "outcome"), ("member_update", "progress"), ("signposting", "organisation")],
)
def test_what_only_the_learner_knows_is_asked_for_not_invented(
    pack_ws: Any, kind: str, field: str
) -> None:
    ws, ref = pack_ws
    err = _refused(ws, lambda: starting_draft(ws, ref, kind, {field: "  "}))
    assert err.field == f"extra.{field}"


def test_a_service_reply_in_the_log_fills_the_outcome(pack_ws: Any) -> None:
    ws, ref = pack_ws
    pack_case = ws.state().case(ref).pack_case
    ws.append(
        "service_replied",
        {"pack_case": pack_case, "timeline_item": f"{pack_case}-reply", "service_name": "Housing"},
        personal={"text": "The surveyor visits on Tuesday."},
        actor="simulation",
    )
    text = starting_draft(ws, ref, "full_reply")
    assert "Housing has told me: The surveyor visits on Tuesday." in text
