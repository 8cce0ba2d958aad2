"""The intake form: log an inbox enquiry as a case, see the warnings, link a duplicate."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.ui.intake_step import Intake, LinkDuplicate
from tests.ui.support import (
    council_workspace,
    events,
    pack_workspace,
    status_text,
    unlabelled,
    walk,
)


@pytest.fixture
def form(tmp_path: Path) -> Intake:
    return Intake(council_workspace(tmp_path / "ws"))


def test_first_inbox_item_is_prefilled(form: Intake) -> None:
    assert form.inbox.value == "T1"
    assert form.name.value == "Mary Walsh"
    assert form.postcode.value == "LE11 3AB"
    assert "enquiry number 1" in form.enquiry.value
    assert form.member.value == "m-patel"
    assert "Mary Walsh" in form.letter.value


def test_log_enquiry_writes_one_event_and_moves_to_next(form: Intake) -> None:
    form.name.value = "Mary J. Walsh"  # the learner corrects the name
    form.category.value = "housing"
    form.log_button.click()
    received = events(form.path, "enquiry_received")
    assert len(received) == 1
    assert received[0].data["inbox_item"] == "T1"
    assert received[0].personal["constituent"]["name"] == "Mary J. Walsh"
    assert "Logged as case CK-0001 (Mary J. Walsh)." in status_text(form.status)
    assert form.inbox.value == "T2" and form.name.value == "Person 2"
    assert "CK-0001" in form.cases.value
    # The choices only the learner can make start again for the next enquiry.
    assert form.category.value == "" and form.kind.value == "member_enquiry"
    assert form.member.value == "m-patel"  # from the enquiry itself


def test_message_appears_beside_the_button(form: Intake) -> None:
    form.category.value = "housing"
    form.log_button.click()
    [section] = [b for b in walk(form.widget) if form.log_button in getattr(b, "children", ())]
    kids = list(section.children)
    assert kids[kids.index(form.log_button) + 1] is form.status
    assert sum(w is form.status for w in walk(form.widget)) == 1


def test_typing_one_in_starts_from_an_empty_form(form: Intake) -> None:
    form.inbox.value = ""
    assert form.name.value == "" and form.enquiry.value == ""
    form.inbox.value = "T2"
    assert form.name.value == "Person 2"


def test_warning_cites_its_rule(form: Intake) -> None:
    form.inbox.value = "T2"  # postcode LE11 5XY is outside the North Ward
    form.category.value = "housing"
    form.log_button.click()
    shown = status_text(form.status)
    assert "not in North Ward" in shown
    assert "Rule: Member/officer protocol" in shown
    assert events(form.path, "enquiry_received")[0].data["warnings"][0]["rule"] == "not-in-ward"


def test_bad_postcode_is_refused_and_nothing_written(form: Intake) -> None:
    form.postcode.value = "NOT A CODE"
    form.log_button.click()
    assert "is not a UK postcode" in status_text(form.status)
    assert 'role="alert"' in form.status.value
    assert events(form.path, "enquiry_received") == []
    assert form.name.value == "Mary Walsh"  # the form keeps what was typed
    assert "casekit-invalid" in form.postcode._dom_classes  # the field at fault is outlined
    form.postcode.value = "LE11 3AB"
    form.category.value = "housing"
    form.log_button.click()
    assert "casekit-invalid" not in form.postcode._dom_classes


def test_typed_in_enquiry_without_inbox_item(form: Intake) -> None:
    form.inbox.value = ""
    form.name.value = "Walk In"
    form.postcode.value = "LE11 3ZZ"
    form.enquiry.value = "Streetlight out on Elm Road."
    form.category.value = "highways"
    form.channel.value = "surgery"
    form.received.value = ""
    form.log_button.click()
    assert "Choose the councillor" in status_text(form.status)  # never carried over
    form.member.value = "m-patel"
    form.log_button.click()
    [event] = events(form.path, "enquiry_received")
    assert event.data["inbox_item"] is None and event.data["channel"] == "surgery"


def test_duplicate_link_and_refusal(form: Intake) -> None:
    form.category.value = "housing"
    form.log_button.click()
    form.category.value = "housing"
    form.log_button.click()
    link = LinkDuplicate(form.path)
    assert link.case.value == "CK-0002"  # the newest case is offered first
    assert [v for _, v in link.other.options] == ["CK-0001"]
    link.other.value = "CK-0001"
    link.reason.value = ""
    link.link_button.click()
    assert "reason is empty" in status_text(link.status)
    link.reason.value = "Same damp problem"
    link.link_button.click()
    assert [e.data["other"] for e in events(form.path, "duplicate_linked")] == ["CK-0001"]


def test_unexpected_error_shows_apology(form: Intake, monkeypatch: pytest.MonkeyPatch) -> None:
    from casekit.casework.actions import Casework

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(Casework, "receive_enquiry", broken)
    form.category.value = "housing"
    form.log_button.click()
    shown = status_text(form.status)
    assert "Sorry, something went wrong" in shown and "RuntimeError" in shown
    assert form.log_button.disabled is False


def test_every_control_is_labelled(form: Intake) -> None:
    assert unlabelled(form.widget) == []


def test_missing_workspace_is_explained(tmp_path: Path) -> None:
    form = Intake(tmp_path / "nowhere")
    assert "There is no workspace" in status_text(form.notice)
    assert "Refresh" not in status_text(form.notice)  # it fills in by itself
    form.category.value = "housing"
    form.member.options = [("Cllr", "m")]
    form.member.value = "m"
    form.log_button.click()
    shown = status_text(form.status)
    assert "There is no workspace in the folder nowhere" in shown
    assert "casekit new" not in shown  # the way out is in the forms, not a command


def test_the_category_must_be_chosen_and_nothing_is_logged_until_it_is(tmp_path: Path) -> None:

    ws = pack_workspace(tmp_path / "ws")
    form = Intake(ws)
    assert form.category.value == ""  # no default that could mislabel the case
    form.log_button.click()
    assert "Choose the category" in status_text(form.status)
    assert events(ws, "enquiry_received") == []
    form.category.value = "waste"
    form.log_button.click()
    assert "Logged as case CK-0001" in status_text(form.status)
    assert events(ws, "enquiry_received")[0].data["category"] == "waste"


def test_a_duplicate_held_by_another_member_is_warned_offered_and_linked(tmp_path: Path) -> None:
    """Issue 12: the intro pack's first case repeats MC3966, held by another member; intake
    warns about it and the link form offers it beside this workspace's cases."""
    from casekit.api.workspaces import new_workspace

    root = Path(__file__).resolve().parents[2]
    new_workspace(tmp_path / "ws", pack=root / "scenarios" / "intro.json").close()
    form = Intake(tmp_path / "ws")
    item = next(value for _, value in form.inbox.options if value.startswith("C001"))
    form.inbox.value = item
    form.category.value = "waste"
    form.log_button.click()
    shown = status_text(form.status)
    assert "already open: MC3966, held by Councillor" in shown
    link = LinkDuplicate(form.path)
    assert link.case.value == "CK-0001"  # the link form offers the case just logged first
    offered = dict((value, label) for label, value in link.other.options)
    assert "MC3966" in offered and "outside this workspace" in offered["MC3966"]
    link.other.value = "MC3966"
    link.reason.value = "The same broken bin lid, already with the other ward councillor."
    link.link_button.click()
    assert "linked as a duplicate of MC3966" in status_text(link.status)
    [linked] = events(form.path, "duplicate_linked")
    assert linked.data["other"] == "MC3966" and linked.case == "CK-0001"


def test_nothing_carries_over_to_the_next_enquiry(form: Intake) -> None:
    form.inbox.value = "T2"  # outside the ward: a warning about Person 2
    form.category.value = "waste"
    form.kind.value = "complaint"
    form.log_button.click()
    assert "not in North Ward" in status_text(form.status)
    assert form.inbox.value == "T1"  # the next enquiry, with nothing chosen for it
    assert (form.category.value, form.kind.value) == ("", "member_enquiry")
    form.inbox.value = ""
    form.inbox.value = "T1"  # choosing an enquiry clears the message about the last one
    assert form.status.value == ""
    assert form.member.value == "m-patel" and form.name.value == "Mary Walsh"


def test_the_received_date_is_typed_the_uk_way(form: Intake) -> None:
    assert form.received.text.value == "05/01/2026 09:00"  # from the inbox item
    assert "Mon 5 Jan 2026, 09:00" in form.received.echo.value
    form.received.text.value = "2026-01-05 09:00:00x"
    form.category.value = "housing"
    form.log_button.click()
    assert "is not a" in status_text(form.status) and "07/01/2026" in status_text(form.status)
    assert events(form.path, "enquiry_received") == []
    form.received.text.value = "06/01/2026 14:30"
    form.log_button.click()
    [logged] = events(form.path, "enquiry_received")
    assert logged.data["received_at"] == "2026-01-06T14:30"
