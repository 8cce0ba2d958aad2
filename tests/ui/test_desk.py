"""The casework desk, driven as a learner drives it: pick the enquiry, log it, and work the
case to a signed, exported pack without leaving the desk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casekit.ui.base import watcher_for
from casekit.ui.desk_step import Desk
from tests.ui.support import events, pack_workspace, status_text, unlabelled, walk


def tab(desk: Desk, key: str) -> None:
    from casekit.ui.desk_views import CASE_TABS

    desk.tabs.selected_index = [k for k, _ in CASE_TABS].index(key)


def words(widget, *, skip: tuple[type, ...] = ()) -> str:
    """Every word a widget tree shows (HTML markup removed; a choice list shows its labels,
    not the keys it stores). Forms of the ``skip`` classes are passed over."""
    import html

    out = []
    skipped = {id(w) for s in walk(widget) if isinstance(getattr(s, "step", None), skip)
               for w in walk(s)}  # fmt: skip
    for w in walk(widget):
        if id(w) in skipped:
            continue
        value = getattr(w, "value", None)
        if isinstance(value, str) and not hasattr(w, "options"):
            out.append(html.unescape(re.sub(r"<[^>]+>", " ", value)))
        for attr in ("description", "placeholder"):
            text = getattr(w, attr, None)
            if isinstance(text, str):
                out.append(text)
        for option in getattr(w, "options", ()) or ():
            out.append(str(option[0] if isinstance(option, tuple) else option))
    return " ".join(" ".join(out).split())


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return Desk(pack_workspace(tmp_path / "ws"))


def test_opens_on_the_inbox_with_the_enquiry_ready_to_log(desk: Desk) -> None:
    assert desk.view is not None and desk.view[0] == "inbox"
    intake = desk.panels.intake
    assert desk.shown_panel is intake.widget
    assert intake.name.value and intake.enquiry.value  # copied from the inbox item
    assert intake.category.value == "" and intake.kind.value == "member_enquiry"
    assert "Needs attention today" in desk.attention.value
    assert "waiting in the inbox" in desk.attention.value
    assert unlabelled(desk.widget) == []


def test_a_whole_case_is_worked_at_the_desk(desk: Desk, tmp_path: Path) -> None:
    path = desk.path
    intake = desk.panels.intake
    who = intake.name.value
    intake.category.value = "housing"
    intake.log_button.click()
    assert desk.view[0] == "case", status_text(intake.status)
    ref = desk.view[1]
    assert f"{ref}: {who}" in desk.head.value
    assert "Acknowledge the enquiry" in status_text(desk.head)  # the next step, and why
    assert desk.go_button.description == "Go to Contacts"
    assert "in the constituent's words" in status_text(desk.overview)
    assert "Why this date?" in status_text(desk.overview)

    # Facts: record one and check it.
    tab(desk, "facts")
    facts = desk.panels.by_tab["facts"][0]
    assert facts.case.value == ref and facts.case.layout.display == "none"
    facts.statement.value = "The repair was reported in November."
    facts.record_button.click()
    facts.fact.value = facts.fact.options[0][1]
    facts.source.value = "Housing management system"
    facts.result.value = "confirmed"
    facts.check_button.click()
    assert "Check of F1 recorded" in status_text(facts.status)

    # Contacts: acknowledge, consent, refer (the next step moves on each time).
    desk._go_next()
    contacts = desk.panels.by_tab["contacts"][0]
    assert desk.tabs.selected_index == 2 and contacts.case.value == ref
    contacts.a_owner.value = "Alex Learner"
    contacts.ack_button.click()
    assert "Acknowledgement sent" in status_text(contacts.status)
    contacts.k_recipient.value = "Housing Repairs"
    contacts.k_purpose.value = "To arrange the repair"
    contacts.k_evidence.value = "Email of consent"
    contacts.consent_button.click()
    contacts.r_question.value = "When will the repair be done?"
    contacts.refer_button.click()
    assert "referred to" in status_text(contacts.status)
    assert "Wait for" in status_text(desk.head)

    # Advance until the service answers; the desk says what arrived and where.
    for _ in range(15):
        desk.clock.advance_button.click()
        if any(e.data.get("pack_case") for e in events(path, "service_replied")):
            break
    said = status_text(desk.clock.status)
    assert "The clock moved on" in said
    assert desk.rows[ref].next_step.rule != "await-service"

    # A holding reply from the deadlines tab, with a date typed the UK way.
    tab(desk, "deadlines")
    board = desk.panels.by_tab["deadlines"][0]
    board.h_reason.value = "Waiting for the surveyor's report"
    board.holding_button.click()
    assert "Holding reply sent" in status_text(board.status), status_text(board.status)

    # Draft beside the enquiry, checked as it is typed; approval; the reply.
    tab(desk, "draft")
    drafting, approval = desk.panels.by_tab["draft"]
    assert "The enquiry you are answering" in drafting.answering.value
    drafting.template_button.click()
    assert drafting.draft.value, status_text(drafting.status)
    assert "I now have a full reply from the council" in drafting.draft.value or (
        "has told me" in drafting.draft.value
    )
    drafting.draft.value += "\nVote Labour."
    assert "political party" in status_text(drafting.findings)  # checked as typed
    drafting.draft.value = drafting.draft.value.replace("\nVote Labour.", "")
    drafting.save_button.click()
    approval.submit_button.click()
    assert approval.case.value == ref
    assert events(path, "draft_approved"), status_text(approval.decision)
    drafting.send_button.click()
    assert "Say whether this is the full reply" in status_text(drafting.status)
    assert events(path, "reply_sent") == []  # nothing ticked for the learner
    drafting.final.value = "full"
    drafting.send_button.click()
    assert events(path, "reply_sent"), status_text(drafting.status)
    assert "Ask the constituent" in status_text(desk.head)

    # Satisfaction: ask, then collect the answers.
    tab(desk, "satisfaction")
    satisfaction = desk.panels.by_tab["satisfaction"][0]
    satisfaction.stakeholder.value = "constituent"
    satisfaction.request_button.click()
    satisfaction.answers_button.click()
    assert events(path, "feedback_received")

    # Reflection on the case, dated the UK way.
    tab(desk, "reflect")
    reflection = desk.panels.by_tab["reflect"][0]
    assert reflection.case.value == ref
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", reflection.date.text.value)
    for (model, _part), area in reflection.sections.items():
        if model == reflection.model.value:
            area.value = (
                "I logged the enquiry, checked the facts with the housing system and "
                "referred it to the service, then kept the constituent informed."
            )
    reflection.criteria["AC1"].value = True
    reflection.save_button.click()
    assert events(path, "reflection_recorded"), status_text(reflection.status)

    # Export from the learner's own work: refused until signed, then done and checked.
    desk.open(("work", "export"))
    export = desk.panels.work["export"]
    assert desk.shown_panel is export.widget
    export.export_button.click()
    assert "declaration" in status_text(export.status)
    assert "casekit declare" not in status_text(export.status)
    export.agree.value = True
    export.name.value = "Alex Learner"
    export.sign_button.click()
    export.export_button.click()
    assert "exported and checked" in status_text(export.status)
    assert "Pack checked: intact" in status_text(export.check)
    assert (tmp_path / "ws-evidence" / "index.html").is_file()
    from casekit.ui.approval_step import Approval
    from casekit.ui.dashboard_step import Dashboard

    shown = words(desk.widget, skip=(Dashboard, Approval))  # those two: another change
    assert "chain head" not in shown and "[I]" not in shown


def test_changes_made_elsewhere_appear_without_a_refresh_button(desk: Desk) -> None:
    from casekit import api

    assert not [w for w in walk(desk.widget) if getattr(w, "description", "") == "Refresh"]
    before = len(desk.inbox.items)
    with api.open_workspace(desk.path) as ws:  # another notebook, or the tutor's clock
        api.advance(ws, 3)
    watcher = watcher_for(desk.path)
    assert watcher is not None and watcher.tick() is True  # the log moved on: refreshed
    assert watcher.tick() is False  # and only once
    assert "Today in the simulation" in desk.clock.today.value
    if len(desk.inbox.items) > before:
        assert "New since you last looked" in desk.news.value
        assert "in the inbox" in status_text(desk.news)


def test_the_next_step_button_opens_the_tab_that_holds_it(desk: Desk) -> None:
    intake = desk.panels.intake
    intake.category.value = "housing"
    intake.log_button.click()
    desk.tabs.selected_index = 0
    desk.go_button.click()
    assert desk.tabs.selected_index == 2  # Contacts: acknowledge


def test_an_action_elsewhere_in_the_kernel_refreshes_the_desk(desk: Desk) -> None:
    from casekit.ui.intake_step import Intake

    other = Intake(desk.path)  # the step notebook, open in the same kernel
    other.category.value = "waste"
    other.log_button.click()
    assert len(desk.cases.items) == 1


FORBIDDEN = {
    "an ISO date": r"\b\d{4}-\d{2}-\d{2}\b",
    "a code with underscores": r"\b[a-z]+_[a-z_]+\b",
    "an inference marker": r"\[I\]",
    "a file name": r"\b[\w-]+\.(md|toml|py|sqlite)\b",
    "a command line": r"casekit (new|declare|export|advance|verify)\b|(?<![\w-])--[a-z]",
    "the hash chain": r"chain head",
    "a member's id": r"\bM\d{2}\b",
    "a Refresh button": r"\bRefresh\b",
    "the ISO date format": r"YYYY-MM-DD",
}


def test_every_word_on_the_desk_is_a_learners_word(desk: Desk) -> None:
    """After a case has moved on a week, no part of the desk (every tab, every form of the
    learner's own work) shows a code, an id, a file name, a command or an ISO date. The
    dashboard and approval forms belong to another change and are checked there."""
    from casekit.ui.approval_step import Approval
    from casekit.ui.dashboard_step import Dashboard
    from casekit.ui.desk_views import CASE_TABS, WORK

    intake = desk.panels.intake
    intake.category.value = "housing"
    intake.log_button.click()
    ref = desk.view[1]
    contacts = desk.panels.by_tab["contacts"][0]
    contacts.a_owner.value = "Alex Learner"
    contacts.ack_button.click()
    contacts.r_question.value = "When will it be repaired?"
    contacts.refer_button.click()
    desk.clock.days.value = 6
    desk.clock.advance_button.click()
    for key, _title in CASE_TABS:
        tab(desk, key)
    for key in WORK:
        desk.open(("work", key))
    desk.open(("case", ref))
    forms = [desk.widget, desk.panels.intake.widget]
    forms += [s.widget for steps in desk.panels.by_tab.values() for s in steps]
    forms += [s.widget for s in desk.panels.made.values()]
    shown = " ".join(words(w, skip=(Dashboard, Approval)) for w in forms)
    shown = re.sub(r"\S+@\S+", " ", shown)  # email addresses are the constituents' own
    for what, pattern in FORBIDDEN.items():
        found = [shown[max(0, m.start() - 60) : m.end() + 20] for m in re.finditer(pattern, shown)]
        assert not found, f"{what}: {found[:3]}"
