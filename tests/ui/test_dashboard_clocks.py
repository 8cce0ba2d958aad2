"""The dashboard's deadline forms: why this date, holding replies held to their date,
late extensions, statutory responses and complaint stage 2."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casekit.record.workspace import Workspace
from casekit.ui.dashboard_step import Dashboard
from tests.ui.support import council_workspace, events, log_case, status_text, unlabelled


def advance(path: Path, to: str) -> None:
    with Workspace.open(path) as ws:
        ws.append("clock_advanced", {"to": to, "working_days": 1}, actor="system", at=to)


def row(form: Dashboard, clock: str = "respond") -> str:
    """The deadline table's row for one clock of CK-0001."""
    for part in form.table.value.split("<tr>")[1:]:
        if "CK-0001" in part and form_label(form, clock) in part:
            return part
    raise AssertionError(f"no row for {clock}")


def form_label(form: Dashboard, clock: str) -> str:
    return next(label for label, value in form.clock.options if value == clock).split(":")[0]


def test_why_this_date_shows_the_ledger(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Dashboard(path)
    form.clock.value = "respond"
    form.why_button.click()
    assert "due Mon 19 Jan 2026" in status_text(form.status)
    shown = form.why_area.value
    assert "Received" in shown and "Mon 5 Jan 2026 at 09:00 (UK time)" in shown
    assert "Day one" in shown and "Tue 6 Jan 2026" in shown
    assert "Saturday: weekend" in shown and "10 of 10 counted" in shown
    assert unlabelled(form.widget) == []


def test_a_holding_reply_holds_the_case_to_its_new_date(tmp_path: Path) -> None:
    # Issue 10: a holding reply promising Mon 2 Feb; on 27 Jan the case showed overdue.
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    advance(path, "2026-01-16T09:00")
    form = Dashboard(path)
    form.h_reason.value = "Waiting for the surveyor's report"
    form.h_date.value = date(2026, 2, 2)
    form.holding_button.click()
    advance(path, "2026-01-27T09:00")
    form.refresh()
    assert "holding reply sent, new date Mon 2 Feb" in row(form)
    assert "casekit-flag-holding-reply-sent" in row(form)
    overdue = form.attention.value.split("<strong>overdue:</strong>")[1].split("</li>")[0]
    assert "CK-0001 (response" not in overdue  # held, not overdue
    advance(path, "2026-02-03T09:00")
    form.refresh()
    assert "casekit-flag-overdue" in row(form)
    assert "its new date Mon 2 Feb has passed" in row(form)


def test_an_extension_after_the_deadline_is_recorded_late(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    advance(path, "2026-01-21T09:00")  # the response was due on 19 January
    form = Dashboard(path)
    form.clock.value = "respond"
    form.k_reason.value = "Waiting for the contractor"
    form.k_days.value = 5
    form.extend_button.click()
    assert "Recorded as late" in status_text(form.status)
    [extended] = events(path, "clock_extended")
    assert extended.data["late"] is True and extended.data["told_on"] == "2026-01-21"
    assert "casekit-flag-overdue" in row(form) and "(late)" in row(form)


def test_statutory_response_stops_the_foi_clock_and_needs_an_exemption(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Dashboard(path)
    form.statutory.value = "foi"
    form.start_button.click()
    assert "due Mon 2 Feb 2026" in status_text(form.status)  # 20 WD from Mon 5 Jan
    assert [v for _, v in form.s_clock.options] == ["foi"]
    form.s_clock.value = "foi"
    form.s_outcome.value = "refused"
    form.response_button.click()
    assert "must name the exemption" in status_text(form.status)
    assert events(path, "statutory_response_sent") == []
    form.s_exemption.value = "s40(2) personal information"
    form.response_button.click()
    [sent] = events(path, "statutory_response_sent")
    assert sent.data["outcome"] == "refused" and sent.data["late"] is False
    assert "its clock has stopped" in status_text(form.status)
    assert "(met)" in next(label for label, v in form.clock.options if v == "foi")


def test_a_clarification_restarts_an_foi_afresh(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Dashboard(path)
    form.statutory.value = "foi"
    form.start_button.click()
    form.clock.value = "foi"
    form.k_reason.value = "Asked which years the request covers"
    form.k_awaiting.value = "clarification"
    form.stop_button.click()
    advance(path, "2026-01-12T09:00")
    form.refresh()
    form.clock.value = "foi"
    form.restart_button.click()
    assert "The count started afresh" in status_text(form.status)
    assert "Mon 9 Feb 2026" in status_text(form.status)  # 20 WD from 12 January


def test_complaint_stage_two(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path, case_kind="complaint")
    form = Dashboard(path)
    form.c_reason.value = "Unhappy with the stage 1 answer"
    form.stage2_button.click()
    assert "follows the stage 1 response" in status_text(form.status)
    assert events(path, "complaint_stage_two_started") == []
