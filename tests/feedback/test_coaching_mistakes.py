"""Mistakes the coach finds without the answer key, each both ways: the slip is named with
its rule, criterion and the events that show it, and the sound version of the same work is
not flagged. Approvals the learner recorded another way are for the tutor to confirm,
never counted as a mistake.

Replies that break the approval gate cannot be made through the casework actions (the gate
refuses them); they are appended directly, as an older log or another tool could hold them.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from casekit import api
from casekit.drafting.approval import text_digest
from casekit.record.workspace import Workspace
from casekit.scenarios.generate import generate, render
from tests.approved import approved_draft, send_approved

ROOT = Path(__file__).resolve().parents[2]
TEXTS = tomllib.loads((ROOT / "casekit" / "data" / "coaching.toml").read_text("utf-8"))
LETTER = "Thank you for your message. The repair is booked for Thursday."


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pack")
    pack_text, _ = render(*generate(3, 1, "intro"))
    (folder / "pack.json").write_text(pack_text, encoding="utf-8")
    return folder / "pack.json"


@pytest.fixture
def ws(tmp_path: Path, pack: Path) -> Any:
    workspace = api.new_workspace(tmp_path / "ws", pack=pack, learner="mistakes")
    try:
        yield workspace
    finally:
        workspace.close()


def _log(ws: Workspace) -> str:
    item = ws.state().unhandled_inbox()[0]
    return (
        api.actions(ws)
        .receive_enquiry(
            constituent=dict(item.personal["constituent"]),
            enquiry=item.personal["enquiry"],
            category="housing",
            channel=item.data["channel"],
            member_id=item.data["member_id"],
            received_at=item.data["received_at"],
            inbox_item=item.data["timeline_item"],
        )
        .case_ref
    )


def _found(ws: Workspace, mid: str) -> list[Any]:
    return [m for m in api.coach(ws).mistakes if m.mistake == mid]


def _explained(found: list[Any], mid: str, *events: int) -> Any:
    spec = TEXTS["mistakes"][mid]
    assert len(found) == 1, found
    m = found[0]
    assert (m.label, m.source, m.criterion, m.advice) == (
        spec["label"],
        spec["source"],
        spec["criterion"],
        spec["advice"],
    )
    assert set(events) <= set(m.events), (events, m.events)
    return m


def _raw_reply(ws: Workspace, ref: str, text: str, draft_id: str | None = None) -> Any:
    data: dict[str, Any] = {"channel": "email", "final": True, "text_sha256": text_digest(text)}
    if draft_id:
        data["draft_id"] = draft_id
    return ws.append("reply_sent", data, case=ref, personal={"text": text})


# -- the member's approval -----------------------------------------------------------
def test_a_reply_with_no_approval_on_record_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    reply = _raw_reply(ws, ref, LETTER)
    m = _explained(_found(ws, "reply_without_approval"), "reply_without_approval", reply.seq)
    assert "no draft on record" in m.message and m.case == ref


def test_a_reply_on_a_draft_never_put_to_the_member_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    saved, _ = api.save_draft(ws, ref, letter_kind="full_reply", text=LETTER)
    reply = _raw_reply(ws, ref, LETTER, saved.data["draft_id"])
    m = _explained(_found(ws, "reply_without_approval"), "reply_without_approval", reply.seq)
    assert "never approved" in m.message


def test_a_reply_on_a_returned_draft_is_against_the_members_decision(ws: Workspace) -> None:
    ref = _log(ws)
    saved, _ = api.save_draft(ws, ref, letter_kind="full_reply", text=LETTER)
    draft_id = saved.data["draft_id"]
    returned = ws.append("draft_returned", {"draft_id": draft_id}, case=ref, actor="member")
    reply = _raw_reply(ws, ref, LETTER, draft_id)
    m = _explained(
        _found(ws, "reply_against_approval"), "reply_against_approval", returned.seq, reply.seq
    )
    assert "returned" in m.message
    assert _found(ws, "reply_without_approval") == []


def test_a_reply_with_words_changed_since_the_approval_is_against_it(ws: Workspace) -> None:
    ref = _log(ws)
    draft_id = approved_draft(ws, ref, LETTER)
    reply = _raw_reply(ws, ref, LETTER + " And our party made it happen.", draft_id)
    m = _explained(_found(ws, "reply_against_approval"), "reply_against_approval", reply.seq)
    assert "words changed" in m.message


def test_a_reply_the_member_approved_is_no_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    send_approved(ws, ref, LETTER)
    report = api.coach(ws)
    assert not [m for m in report.mistakes if m.mistake.startswith("reply_")]
    assert report.for_review == []


def test_an_approval_recorded_another_way_is_for_the_tutor_not_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    saved, _ = api.save_draft(ws, ref, letter_kind="full_reply", text=LETTER)
    draft_id = saved.data["draft_id"]
    approval = api.record_member_approval(
        ws, ref, draft_id, approved_by="Cllr Example", approved_at=ws.now, how="phone"
    )
    reply = api.actions(ws).send_reply(ref, text=LETTER, draft_id=draft_id)
    report = api.coach(ws)
    assert not [m for m in report.mistakes if m.mistake.startswith("reply_")]
    [review] = report.for_review
    assert review.kind == "approval-another-way" and review.case == ref
    assert review.events == (approval.seq, reply.seq)
    assert review.criterion == TEXTS["review"]["approval_another_way"]["criterion"]
    assert "for your tutor to confirm" in review.message
    assert report.counts["to_confirm"] == 1 and report.counts["mistakes"] == len(report.mistakes)
    assert "For your tutor to confirm" in report.text()


# -- acknowledgement ------------------------------------------------------------------
def _due(ws: Workspace, ref: str, clock: str) -> Any:
    state = ws.state()
    return state.clocks(state.cases[ref])[clock].due


def test_an_enquiry_not_acknowledged_by_its_deadline_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    due = _due(ws, ref, "acknowledge")
    while ws.now.date() <= due:
        assert _found(ws, "late_acknowledgement") == []  # day N itself is still on time
        api.advance(ws, 1)
    m = _explained(_found(ws, "late_acknowledgement"), "late_acknowledgement")
    assert "still not been acknowledged" in m.message and due.isoformat() in m.message


def test_an_acknowledgement_after_its_deadline_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    due = _due(ws, ref, "acknowledge")
    while ws.now.date() <= due:
        api.advance(ws, 1)
    ack = api.actions(ws).acknowledge(ref, owner="Housing repairs team")
    m = _explained(_found(ws, "late_acknowledgement"), "late_acknowledgement", ack.seq)
    assert "after it was due" in m.message


def test_an_acknowledgement_on_the_due_day_is_no_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    due = _due(ws, ref, "acknowledge")
    while ws.now.date() < due:
        api.advance(ws, 1)
    api.actions(ws).acknowledge(ref, owner="Housing repairs team")
    api.advance(ws, 3)
    assert _found(ws, "late_acknowledgement") == []


# -- deadlines, holding replies and extensions ----------------------------------------
def test_a_holding_reply_counts_until_the_date_it_promised(ws: Workspace) -> None:
    ref = _log(ws)
    api.actions(ws).acknowledge(ref, owner="Housing repairs team")
    due = _due(ws, ref, "respond")
    while ws.now.date() < due:
        api.advance(ws, 1)
    promised = due + timedelta(days=7)
    held = api.actions(ws).send_holding_reply(
        ref, reason="Awaiting the surveyor", new_date=promised
    )
    while ws.now.date() <= promised:
        assert _found(ws, "promised_date_missed") == _found(ws, "no_holding_reply") == []
        api.advance(ws, 1)
    m = _explained(_found(ws, "promised_date_missed"), "promised_date_missed", held.seq)
    assert promised.isoformat() in m.message and "no reply has gone" in m.message
    assert _found(ws, "no_holding_reply") == []


def test_a_reply_on_the_promised_date_keeps_the_promise(ws: Workspace) -> None:
    ref = _log(ws)
    api.actions(ws).acknowledge(ref, owner="Housing repairs team")
    due = _due(ws, ref, "respond")
    while ws.now.date() < due:
        api.advance(ws, 1)
    promised = due + timedelta(days=7)
    api.actions(ws).send_holding_reply(ref, reason="Awaiting the surveyor", new_date=promised)
    while ws.now.date() < promised:
        api.advance(ws, 1)
    send_approved(ws, ref, LETTER)
    api.advance(ws, 3)
    assert _found(ws, "promised_date_missed") == _found(ws, "no_holding_reply") == []


def test_an_extension_asked_after_the_deadline_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    api.actions(ws).acknowledge(ref, owner="Housing repairs team")
    due = _due(ws, ref, "respond")
    while ws.now.date() <= due:
        api.advance(ws, 1)
    late = api.actions(ws).extend_clock(
        ref, "respond", reason="The service needs more time", working_days=5
    )
    m = _explained(_found(ws, "extension_after_deadline"), "extension_after_deadline", late.seq)
    assert due.isoformat() in m.message


def test_an_extension_in_time_is_no_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    api.actions(ws).acknowledge(ref, owner="Housing repairs team")
    api.actions(ws).extend_clock(
        ref, "respond", reason="The service needs more time", working_days=5
    )
    api.advance(ws, 12)
    assert _found(ws, "extension_after_deadline") == []


# -- statutory clocks -----------------------------------------------------------------
def test_a_statutory_clock_left_to_run_out_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    started = api.actions(ws).start_clock(ref, "foi")
    due = _due(ws, ref, "foi")
    while ws.now.date() <= due:
        assert _found(ws, "statutory_deadline_missed") == []
        api.advance(ws, 5)
    m = _explained(
        _found(ws, "statutory_deadline_missed"), "statutory_deadline_missed", started.seq
    )
    assert due.isoformat() in m.message


@pytest.mark.parametrize("how", ["passed_on", "answered"])
def test_a_statutory_clock_passed_on_or_answered_in_time_is_no_mistake(
    ws: Workspace, how: str
) -> None:
    ref = _log(ws)
    api.actions(ws).start_clock(ref, "foi")
    if how == "passed_on":
        api.actions(ws).escalate(
            ref, route_id="information-request", reason="FOI request passed to IG."
        )
    else:
        api.advance(ws, 10)
        api.actions(ws).send_statutory_response(ref, "foi", outcome="information_given")
    api.advance(ws, 30)
    assert _found(ws, "statutory_deadline_missed") == []


# -- UK dates -------------------------------------------------------------------------
def test_without_a_log_date_the_coach_uses_the_uk_day(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from casekit.feedback.coaching import report
    from casekit.record.projection import State
    from casekit.rules.profile import load_profile

    asked = []
    monkeypatch.setattr(report, "uk_today", lambda: asked.append(1) or date(2026, 7, 1))
    assert report.coach_state(State(load_profile("default"))).mistakes == []
    assert asked == [1]
