"""The error-showing decorator: refusals, bugs and successes all reach the form."""

from __future__ import annotations

import html
import logging
import re

import ipywidgets as widgets
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.ui.errors import Outcome, message_html, plain, shows_errors, status_area
from tests.ui.support import status_text


def test_refusal_shows_message_rule_and_advice() -> None:
    status = status_area()

    @shows_errors(status)
    def act() -> None:
        raise CasekitError(
            "Sharing needs consent.",
            source="DPA 2018 Sch. 1 para 23",
            advice="Record consent first.",
        )

    assert act() is None
    shown = status_text(status)
    assert "Sharing needs consent." in shown
    assert "Rule: DPA 2018 Sch. 1 para 23" in shown
    assert "What to do: Record consent first." in shown
    assert 'role="alert"' in status.value


def test_unexpected_error_apologises_names_type_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    status = status_area()

    @shows_errors(status)
    def act() -> None:
        raise KeyError("boom")

    with caplog.at_level(logging.ERROR, logger="casekit.ui"):
        act()
    shown = status_text(status)
    assert "Sorry, something went wrong" in shown
    assert "KeyError" in shown
    assert "boom" not in shown  # internals stay in the log, not the form
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_success_and_notices_are_shown() -> None:
    status = status_area()

    class Note:
        message = "Postcode outside the ward."
        source = "Member/officer protocol"
        advice = "Check the address."

    @shows_errors(status)
    def act() -> Outcome:
        return Outcome("Logged as case CK-0001.", [Note()])

    act()
    shown = status_text(status)
    assert "Done: Logged as case CK-0001." in " ".join(shown.split())
    assert "Postcode outside the ward." in shown and "Rule: Member/officer protocol" in shown


def test_button_is_disabled_while_running_and_re_enabled_after_error() -> None:
    status = status_area()
    seen = []
    b = widgets.Button(description="Go")

    @shows_errors(status)
    def act(button: widgets.Button) -> None:
        seen.append(button.disabled)
        raise CasekitError("no")

    b.on_click(act)
    b.click()
    assert seen == [True]
    assert b.disabled is False
    assert "no" in status_text(status)


@given(st.text(min_size=1, max_size=200))
def test_every_text_is_escaped(text: str) -> None:
    out = message_html("error", text, source=text, advice=text)
    bare = message_html("error", "x", source="x", advice="x")
    tags = re.compile(r"<[^>]*>")
    assert len(tags.findall(out)) == len(tags.findall(bare))  # no markup added by the text
    shown = html.unescape(tags.sub("", out))
    assert text in shown  # the advice, as given
    assert shown.count(plain(text)) >= 2  # the message and the rule, in a learner's words


def test_domain_words_are_put_in_a_learners_words() -> None:
    assert plain("Member/officer protocol [I]") == "Member/officer protocol (common practice)"
    assert plain("due 2026-01-20") == "due Tue 20 Jan 2026"
    assert plain("at 2026-01-07T09:30") == "at Wed 7 Jan 2026, 09:30"
    assert "unit-and-evidence.md" not in plain("Rules of evidence (unit-and-evidence.md)")


def test_advice_naming_a_command_is_replaced_or_left_out() -> None:
    from casekit.ui.errors import learner_advice

    table = learner_advice("declaration-required", "Run 'casekit declare WORKSPACE'")
    assert "tick 'I make this declaration'" in table
    assert learner_advice(None, "Advance a few working days at a time, e.g. --days 1.") is None
    assert learner_advice(None, "Create it with 'casekit new'.") is None
    assert learner_advice(None, "Record consent first.") == "Record consent first."


def test_a_result_that_asks_for_more_work_is_not_announced_as_done() -> None:
    status = status_area()

    @shows_errors(status)
    def returned() -> Outcome:
        return Outcome("Draft D1 returned with 2 comments.", level="warning", heading="Returned")

    returned()
    assert " ".join(status_text(status).split()) == "Returned: Draft D1 returned with 2 comments."
    assert "Done" not in status_text(status) and "casekit-msg-warning" in status.value
