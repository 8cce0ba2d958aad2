"""The satisfaction form: ask, collect the answers, follow up low scores."""

from __future__ import annotations

from pathlib import Path

from casekit.ui.satisfaction_step import Satisfaction
from tests.ui.support import (
    council_workspace,
    events,
    log_case,
    replied_case,
    status_text,
    unlabelled,
)


def test_ask_collect_and_follow_up(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    replied_case(path)
    form = Satisfaction(path)
    form.stakeholder.value = "constituent"
    form.request_button.click()
    assert "Feedback requested from" in status_text(form.status)
    form.request_button.click()
    assert 'role="alert"' in form.status.value  # asked already, no answer yet
    assert len(events(path, "feedback_requested")) == 1
    form.answers_button.click()
    [answer] = events(path, "feedback_received")
    assert "1 answer received (on CK-0001)" in status_text(form.status)
    assert f"{answer.data['score']} out of" in status_text(form.answers)
    form.f_stakeholder.value = "constituent"
    form.f_action.value = "ok"
    form.follow_button.click()
    assert events(path, "follow_up_recorded") == []  # too short to say what was done
    form.f_action.value = "I rang her to apologise for the delay and confirmed the survey date."
    form.follow_button.click()
    assert len(events(path, "follow_up_recorded")) == 1
    assert "Follow-up recorded" in status_text(form.status)
    assert unlabelled(form.widget) == []


def test_feedback_needs_a_reply_first(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Satisfaction(path)
    form.request_button.click()
    assert 'role="alert"' in form.status.value
    assert events(path, "feedback_requested") == []
    form.answers_button.click()
    assert "No answers are waiting" in status_text(form.status)
    assert events(path, "feedback_received") == []


def test_collecting_takes_every_case_with_requests_waiting(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    first = replied_case(path)
    second = replied_case(path)
    form = Satisfaction(path)
    for ref in (first, second):
        form.case.value = ref
        form.stakeholder.value = "constituent"
        form.request_button.click()
    form.case.value = first  # the form shows the first case; the second is waiting too
    form.answers_button.click()
    assert {e.case for e in events(path, "feedback_received")} == {first, second}
    assert f"2 answers received (on {first}, {second})" in status_text(form.status)
