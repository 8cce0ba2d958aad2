"""The drafting and approval forms: template, live checks, save, approve, send."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.ui.approval_step import Approval
from casekit.ui.drafting_step import Drafting, highlighted
from tests.approved import approved_draft
from tests.ui.support import council_workspace, events, log_case, status_text, unlabelled


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    return path


def test_template_live_check_save_and_send(path: Path) -> None:
    form = Drafting(path)
    assert form.extras["outcome"].layout.display == ""
    assert form.extras["reason"].layout.display == "none"
    form.extras["outcome"].value = "A surveyor will visit on 12 January."
    form.template_button.click()
    assert "Dear Mary" in form.draft.value and "CK-0001" in form.draft.value
    assert "No findings" in status_text(form.findings)

    form.draft.value += "\nThanks to our party, this is sorted. Vote for Labour."
    shown = status_text(form.findings)  # the edit alone ran the checks
    assert "names a political party ('Labour')" in shown
    assert "Rule: Local Government Act 1986 s2" in shown
    assert "<mark>Labour</mark>" in form.preview.value

    form.save_button.click()
    [saved] = events(path, "draft_saved")
    assert saved.data["draft_id"] == "D1" and saved.data["findings"]
    assert "Draft D1 saved with" in status_text(form.status)
    assert form.saved.value == "D1"

    form.send_button.click()  # not yet said whether it is the full reply
    assert "Say whether this is the full reply" in status_text(form.status)
    assert events(path, "reply_sent") == []
    form.final.value = "full"
    # Never put to the councillor: it cannot go out in their name (the kit sent it).
    form.send_button.click()
    shown = status_text(form.status)
    assert "has not been put to the councillor" in shown and "Member/officer protocol" in shown
    assert events(path, "reply_sent") == []
    # The councillor returns it: still refused.
    approval = Approval(path)
    approval.submit_button.click()
    assert events(path, "draft_returned")
    form.send_button.click()
    assert "returned draft D1" in status_text(form.status)
    assert events(path, "reply_sent") == []
    # A clean draft, approved, goes out exactly as approved.
    form.template_button.click()
    form.save_button.click()
    assert form.saved.value == "D2"
    approval.refresh()
    approval.draft.value = "D2"
    approval.submit_button.click()
    assert "approved" in status_text(approval.status)
    form.send_button.click()
    [reply] = events(path, "reply_sent")
    clean = events(path, "draft_saved")[-1]
    assert reply.data["draft_id"] == "D2"
    assert reply.personal["text"] == clean.personal["text"].strip()
    assert reply.data["text_sha256"] == events(path, "draft_approved")[-1].data["text_sha256"]
    assert "Full reply sent on CK-0001" in status_text(form.status)


def test_missing_template_field_and_empty_draft(path: Path) -> None:
    form = Drafting(path)
    form.kind.value = "holding_reply"
    assert form.extras["reason"].layout.display == ""
    form.template_button.click()
    assert 'role="alert"' in form.status.value
    form.draft.value = ""
    form.save_button.click()
    assert "The draft is empty" in status_text(form.status)
    assert events(path, "draft_saved") == []


def test_reply_refused_while_facts_unverified(path: Path) -> None:
    from casekit.casework.actions import Casework
    from casekit.record.workspace import Workspace

    with Workspace.open(path) as ws:
        Casework(ws).record_fact("CK-0001", "The repair was booked in October.")
    form = Drafting(path)
    form.draft.value = "Dear Mary, all done."
    form.final.value = "full"
    form.send_button.click()
    assert "this reply has no draft" in status_text(form.status)  # the approval gate first
    with Workspace.open(path) as ws:
        approved_draft(ws, "CK-0001", "Dear Mary, all done.")
    form.refresh()
    form.saved.value = "D1"
    form.send_button.click()
    shown = status_text(form.status)
    assert "not verified" in shown and "Rule: Unit outcome LO2" in shown
    assert events(path, "reply_sent") == []
    form.unverified.value = "The constituent asked for an urgent answer today."
    form.send_button.click()
    assert len(events(path, "reply_sent")) == 1


def test_approval_returns_with_comments(path: Path) -> None:
    drafting = Drafting(path)
    drafting.draft.value = "Hiya Mary, cheers mate. Vote for Labour!!"
    drafting.save_button.click()
    form = Approval(path)
    assert form.draft.value == "D1" and "Vote for Labour" in form.letter.value
    form.submit_button.click()
    [returned] = events(path, "draft_returned")
    assert returned.actor == "member"
    assert "returned with" in status_text(form.status)
    assert "casekit-msg-warning" in form.status.value  # more work to do, not "Done"
    assert "casekit-msg-success" not in form.status.value
    assert "Returned by the councillor" in status_text(form.decision)
    assert "returned" in form.history.value
    assert "(returned)" in drafting.saved.options[0][0]  # the other form refreshed
    form.submit_button.click()
    assert "already returned" in status_text(form.status)
    assert unlabelled(form.widget) == [] and unlabelled(drafting.widget) == []


def test_highlight_escapes_text() -> None:
    class F:
        start, end = 0, 8

    out = highlighted("<script>alert(1)", [F()])
    assert "<script>" not in out and "<mark>&lt;script&gt;</mark>" in out
