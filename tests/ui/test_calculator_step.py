"""The what-if calculator form, in plain pytest: set values, click, read the result."""

from __future__ import annotations

from datetime import date

from casekit import ui
from casekit.ui.calculator_step import ClockCalculator
from tests.ui.support import status_text, unlabelled


def test_good_friday_foi_is_due_tuesday_5_may() -> None:
    form = ClockCalculator()
    form.kind.value = "foi"
    form.received.value = date(2026, 4, 3)
    form.time.value = "16:45"
    form.button.click()
    assert "due Tue 5 May 2026" in status_text(form.status)
    shown = form.result.value
    assert "Easter Monday" in shown and "Northern Ireland" in shown
    assert "Fri 3 Apr 2026 at 16:45 (UK time)" in shown
    assert "20 of 20 counted" in shown
    assert "FOIA 2000 s10(1)" in shown
    assert unlabelled(form.widget) == []


def test_clarification_and_acknowledgement_dates() -> None:
    form = ClockCalculator()
    form.kind.value = "foi"
    form.received.value = date(2026, 3, 2)
    form.clarified.value = date(2026, 3, 16)
    form.button.click()
    assert "due Thu 16 Apr 2026" in status_text(form.status)
    form.clarified.value = None
    form.kind.value = "complaint"
    form.received.value = date(2026, 6, 1)
    form.acknowledged.value = date(2026, 6, 2)
    form.button.click()
    assert "due Tue 16 Jun 2026" in status_text(form.status)


def test_refusals_show_in_the_form_and_name_the_field() -> None:
    form = ClockCalculator()
    form.button.click()
    assert "Give the date the request was received" in status_text(form.status)
    assert form.result.value == ""
    form.received.value = date(2026, 4, 3)
    form.time.value = "quarter to five"
    form.button.click()
    assert "is not a time" in status_text(form.status)
    form.time.value = ""
    form.kind.value = "sar"
    form.clarified.value = date(2026, 4, 10)
    form.button.click()
    assert "asked" in status_text(form.status)


def test_the_profile_changes_the_answer_and_the_notebook_call_works() -> None:
    form = ClockCalculator(profile="five-day")
    assert form.profile.value == "five-day"
    form.kind.value = "foi"
    form.received.value = date(2026, 4, 3)
    form.button.click()
    assert "due Fri 1 May 2026" in status_text(form.status)  # FOISA: Scottish holidays
    widget = ui.clock_calculator()
    assert widget.step.kind.value == "foi"
