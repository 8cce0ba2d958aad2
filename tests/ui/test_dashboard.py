"""The dashboard: the deadline table and timeline, holding replies, clocks, the sim clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casekit.ui.charts import deadline_timeline_svg
from casekit.ui.dashboard_step import Dashboard
from casekit.ui.intake_step import Intake
from tests.ui.support import (
    council_workspace,
    events,
    log_case,
    pack_workspace,
    status_text,
    unlabelled,
)


def test_table_and_timeline_show_the_deadlines(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Dashboard(path)
    assert "Mon 5 Jan 2026" in form.today.value
    assert "CK-0001" in form.table.value and "on track" in form.table.value
    assert "<svg" in form.timeline.value and 'role="img"' in form.timeline.value
    assert "acknowledgement" in form.clock.options[0][0]
    assert unlabelled(form.widget) == []
    # The rule column says a protocol deadline is common practice, not a code ("[I]").
    assert "[I]" not in form.table.value and "(common practice)" in form.table.value


def test_holding_reply_needs_reason_then_is_logged(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Dashboard(path)
    form.h_reason.value = ""
    form.holding_button.click()
    assert "reason for the delay and a new date" in status_text(form.status)
    assert events(path, "holding_reply_sent") == []
    form.h_reason.value = "Waiting for the surveyor's report"
    form.h_date.value = date(2026, 1, 20)
    form.holding_button.click()
    [sent] = events(path, "holding_reply_sent")
    assert sent.data["new_date"] == "2026-01-20" and sent.data["to"] == "constituent"
    assert "they will hear by Tue 20 Jan 2026" in status_text(form.status)


def test_clock_extend_stop_restart_and_statutory(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Dashboard(path)
    form.statutory.value = "foi"
    form.start_button.click()
    assert "FOIA 2000" in status_text(form.status)
    form.clock.value = "foi"
    form.k_reason.value = ""
    form.stop_button.click()
    assert "needs a reason" in status_text(form.status)
    form.k_reason.value = "Waiting for the requester to clarify"
    form.stop_button.click()
    form.restart_button.click()
    kinds = [e.kind for e in events(path) if e.kind.startswith("clock_")]
    assert kinds == ["clock_started", "clock_stopped", "clock_restarted"]
    form.statutory.value = "sar"
    form.start_button.click()
    form.clock.value = "sar"
    form.k_reason.value = "Complex request"
    form.k_months.value = 3
    form.extend_button.click()
    assert "at most 2" in status_text(form.status)  # the profile's extension limit
    assert events(path, "clock_extended") == []
    form.k_reason.value = "Complex request"
    form.k_months.value = 2
    form.extend_button.click()
    assert "Clock extended: now due" in status_text(form.status)
    assert len(events(path, "clock_extended")) == 1


def test_close_without_reply_is_refused(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Dashboard(path)
    form.outcome.value = "Sorted"
    form.close_button.click()
    assert "no reply" in status_text(form.status)
    form.close_reason.value = "Constituent withdrew the enquiry"
    form.close_button.click()
    assert len(events(path, "case_closed")) == 1
    form.reopen_button.click()
    assert "reason is empty" in status_text(form.status)


def test_advance_the_clock_delivers_the_pack(tmp_path: Path) -> None:
    path = pack_workspace(tmp_path / "ws")
    intake = Intake(path)
    before = len(intake.inbox.options)
    form = Dashboard(path)
    form.days.value = 6
    form.advance_button.click()
    shown = status_text(form.status)
    assert "The clock moved on to" in shown and "new item" in shown and "arrived" in shown
    assert len(events(path, "clock_advanced")) == 1
    assert len(intake.inbox.options) > before  # the other form on this workspace refreshed


def test_advance_without_pack_explains(tmp_path: Path) -> None:
    form = Dashboard(council_workspace(tmp_path / "ws"))
    form.advance_button.click()
    assert "has no scenario pack" in status_text(form.status)


def test_timeline_empty_and_escaped() -> None:
    assert "No deadlines" in deadline_timeline_svg([], date(2026, 1, 5))

    class Row:
        case, label, due, flag = "CK-1", "<b>x</b>", date(2026, 1, 9), "overdue"

    svg = deadline_timeline_svg([Row()], date(2026, 1, 12))
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_answered_within_target_chart(tmp_path: Path) -> None:
    from tests.ui.support import replied_case

    path = council_workspace(tmp_path / "ws")
    replied_case(path)
    form = Dashboard(path)
    assert "<svg" in form.answered.value and "Housing" in form.answered.value
    assert "100%" in form.answered.value


def test_advancing_zero_or_minus_days_is_refused_not_made_one(tmp_path: Path) -> None:
    path = pack_workspace(tmp_path / "ws")
    form = Dashboard(path)
    for bad in (0, -3):
        form.days.value = bad
        form.advance_button.click()
        assert form.days.value == bad  # never quietly turned into 1
        shown = status_text(form.status)
        assert 'role="alert"' in form.status.value and "from 1 to" in shown, shown
        assert "--days" not in shown  # and no command line in the advice
    assert events(path, "clock_advanced") == []


def test_timeline_labels_are_never_cut_short() -> None:
    class Row:
        case, label, due, flag = (
            "CK-0001",
            "acknowledgement (member enquiry)",
            date(2026, 1, 9),
            "on track",
        )

    svg = deadline_timeline_svg([Row()], date(2026, 1, 5))
    assert ">CK-0001 acknowledgement (member enquiry)</text>" in svg
    assert "max-width:100%" in svg  # it shrinks with the page rather than overflowing
