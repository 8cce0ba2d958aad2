"""What a learner reads about a clock, pinned: the day-by-day ledger of clocks that were
stopped, restarted afresh, extended (in time and late), held and answered (a golden
file), the rules a refusal cites and the field it names, what each clock's spec says,
and the boundaries of pauses and holding replies."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest

from casekit.errors import CasekitError
from casekit.rules import clocks
from casekit.rules.calendar import calendar_named
from casekit.rules.clocks import (
    Clock,
    ClockSpec,
    acknowledged_on,
    clock_spec,
    complete,
    extend,
    first_period_end,
    hold,
    holding_reply_due,
    restart,
    start_clock,
    stop,
)
from casekit.rules.duedates import (
    Pause,
    due_date,
    matching_date,
    month_due,
    pause_covering,
    paused_span,
    working_day_due,
)
from casekit.rules.ledger import explain
from casekit.rules.profile import load_profile

DEFAULT = load_profile("default")
ENG = calendar_named("ENG")


def _enquiry() -> Clock:
    return start_clock(DEFAULT, "respond", date(2025, 12, 19), case_kind="member_enquiry")


def _scenarios() -> dict[str, Clock]:
    sar = start_clock(DEFAULT, "sar", date(2026, 1, 5))
    sar = restart(
        stop(sar, date(2026, 1, 6), "proof of identity", awaiting="identity"), date(2026, 1, 9)
    )
    sar = extend(sar, DEFAULT, months=2, reason="complex request", on=date(2026, 1, 20))
    foi = start_clock(DEFAULT, "foi", date(2025, 12, 19))
    foi = stop(foi, date(2025, 12, 22), "which years?", awaiting="clarification")
    foi = restart(foi, date(2026, 1, 5))
    complaint = start_clock(DEFAULT, "respond", date(2026, 4, 1), case_kind="complaint")
    answered = acknowledged_on(complaint, date(2026, 4, 2))
    answered = hold(answered, date(2026, 4, 30), date(2026, 5, 8), "inspection booked")
    answered = extend(answered, DEFAULT, working_days=3, reason="contractor", on=date(2026, 5, 1))
    answered = complete(answered, date(2026, 5, 6))
    saturday = start_clock(DEFAULT, "respond", date(2025, 12, 20), case_kind="member_enquiry")
    saturday = hold(saturday, date(2026, 1, 6), date(2026, 1, 14), "survey")
    saturday = complete(saturday, date(2026, 1, 8))
    return {
        "subject access, paused for identity and extended": sar,
        "FOI restarted afresh after a clarification": foi,
        "complaint response: acknowledged, held late, extended late, missed": answered,
        "complaint response before its acknowledgement": complaint,
        "member enquiry received on a Saturday, held and met": saturday,
        "member enquiry stopped": stop(_enquiry(), date(2026, 1, 5), "consent", awaiting="consent"),
        "FOI still waiting for a fee": stop(
            start_clock(DEFAULT, "foi", date(2026, 3, 2)), date(2026, 3, 9), "fee", awaiting="fee"
        ),
    }


def test_the_ledgers_a_learner_reads(golden: Callable[[str, str], None]) -> None:
    parts = []
    for name, clock in _scenarios().items():
        ledger = explain(clock)
        data = ledger.as_dict()
        data["days"] = data["days"][:2]  # the rest are in the lines above
        parts += [f"== {name}", *ledger.lines(), json.dumps(data, indent=1), ""]
    golden("ledger/scenarios.txt", "\n".join(parts))


# -- refusals: the rule, the source and the field a learner acts on -----------------------
def test_a_closed_clock_cannot_be_restarted_or_extended() -> None:
    met = complete(_enquiry(), date(2026, 1, 7))
    with pytest.raises(CasekitError) as err:
        restart(met, date(2026, 1, 8))
    assert err.value.message == "You cannot restart the response (member enquiry) clock: it is met."
    assert (err.value.rule, err.value.field) == ("clock-state", "status")
    assert err.value.source == met.source
    assert err.value.advice == "Check the clock's status on the case before acting on it."


def test_dates_before_the_clock_name_the_date_field() -> None:
    clock = _enquiry()
    with pytest.raises(CasekitError) as err:
        stop(clock, date(2025, 12, 1), "early")
    assert (err.value.rule, err.value.field) == ("clock-state", "on")
    assert err.value.advice == "Give the date the clock was stopped."
    with pytest.raises(CasekitError) as err:
        restart(stop(clock, date(2025, 12, 22), "q"), date(2025, 12, 21))
    assert err.value.message == (
        "The response (member enquiry) clock cannot restart on 2025-12-21, before it stopped "
        "(2025-12-22)."
    )
    assert (err.value.field, err.value.source) == ("on", clock.source)
    complaint = start_clock(DEFAULT, "respond", date(2026, 4, 1), case_kind="complaint")
    with pytest.raises(CasekitError) as err:
        acknowledged_on(complaint, date(2026, 3, 1))
    assert err.value.message.startswith(
        "The response (complaint, stage 1) clock cannot count from an acknowledgement on 2026-03-01"
    )
    assert (err.value.field, err.value.advice) == ("on", "Give the acknowledgement's date.")


def test_an_extension_in_the_wrong_unit_points_at_the_right_field() -> None:
    with pytest.raises(CasekitError) as err:
        extend(_enquiry(), DEFAULT, months=1, reason="r")
    assert err.value.message == (
        "The response (member enquiry) clock is counted in working days: give the extension "
        "in working days."
    )
    assert (err.value.rule, err.value.field) == ("extension-limit", "months")
    assert err.value.advice == "Put the extension in the working_days field."
    sar = start_clock(DEFAULT, "sar", date(2026, 1, 5))
    with pytest.raises(CasekitError) as err:
        extend(sar, DEFAULT, working_days=5, reason="r")
    assert (err.value.rule, err.value.field) == ("extension-limit", "working_days")


@pytest.mark.parametrize("amount", [0, -2, True])
def test_an_extension_must_be_a_positive_whole_number(amount: int) -> None:
    with pytest.raises(CasekitError) as err:
        extend(_enquiry(), DEFAULT, working_days=amount, reason="r")
    assert (err.value.rule, err.value.field) == ("extension-limit", "working_days")
    assert err.value.source == _enquiry().source


def test_a_statutory_extension_window_is_the_first_period_a_service_one_the_deadline() -> None:
    """FOI: an extension must be told within the first 20 working days, however a pause
    moved the deadline; a service level's extension after its deadline is kept as late."""
    foi = start_clock(DEFAULT, "foi", date(2026, 1, 5))  # due Tue 3 Feb
    assert extend(foi, DEFAULT, working_days=20, reason="public interest", on=foi.due).late is False
    with pytest.raises(CasekitError) as err:
        extend(foi, DEFAULT, working_days=20, reason="public interest", on=date(2026, 2, 4))
    assert (err.value.rule, err.value.field) == ("extension-notice-window", "on")
    enquiry = _enquiry()
    on_time = extend(enquiry, DEFAULT, working_days=2, reason="r", on=enquiry.due)
    assert on_time.late is False and on_time.due == date(2026, 1, 9)
    late = extend(enquiry, DEFAULT, working_days=2, reason="r", on=date(2026, 1, 8))
    assert late.late is True and late.due == enquiry.due


# -- what is recorded in the history ---------------------------------------------------------
def test_history_entries_record_what_was_done() -> None:
    stopped = stop(_enquiry(), date(2025, 12, 22), "  query  ")
    assert stopped.history[-1] == clocks.ClockChange("stopped", date(2025, 12, 22), 0, "query")
    held = hold(_enquiry(), date(2026, 1, 6), date(2026, 1, 12))
    assert held.history[-1] == clocks.ClockChange(
        "held", date(2026, 1, 6), 0, "", date(2026, 1, 12)
    )


def test_acknowledging_twice_or_after_the_answer_changes_nothing() -> None:
    complaint = start_clock(DEFAULT, "respond", date(2026, 4, 1), case_kind="complaint")
    once = acknowledged_on(complaint, date(2026, 4, 2))
    assert once.anchor == "acknowledgement" and once.counting_from == date(2026, 4, 2)
    assert acknowledged_on(once, date(2026, 4, 7)) == once
    done = complete(complaint, date(2026, 4, 3))
    assert acknowledged_on(done, date(2026, 4, 7)) == done
    assert hold(done, date(2026, 4, 7), date(2026, 4, 20)) == done


# -- holding replies ---------------------------------------------------------------------------
def test_a_holding_reply_covers_the_clock_up_to_its_promised_day() -> None:
    held = hold(_enquiry(), date(2026, 1, 6), date(2026, 1, 12))
    assert holding_reply_due(held, date(2026, 1, 12)) is False  # the promised day itself
    assert holding_reply_due(held, date(2026, 1, 13)) is True
    assert clocks.held(held, date(2026, 1, 12)) is True
    assert clocks.held(held, date(2026, 1, 13)) is False
    assert holding_reply_due(complete(_enquiry(), date(2026, 1, 6)), date(2026, 1, 7)) is False


# -- what each clock's spec says -------------------------------------------------------------
def test_service_clock_specs_name_the_level_and_how_they_count() -> None:
    ack = clock_spec(DEFAULT, "acknowledge", case_kind="complaint")
    respond = clock_spec(DEFAULT, "respond", case_kind="complaint")
    assert (ack.label, respond.label) == (
        "acknowledgement (complaint, stage 1)",
        "response (complaint, stage 1)",
    )
    assert (ack.counted_from, respond.counted_from) == ("receipt", "acknowledgement")
    assert ack.counting_source == (
        "casekit default protocol (England): [calendar] receipt_on_non_working_day = "
        "'next_working_day'"
    )
    assert (ack.unit, ack.role, ack.holding_reply) == ("working_days", "acknowledge", False)
    with pytest.raises(CasekitError) as err:
        clock_spec(DEFAULT, "respond")
    assert err.value.message == (
        "The respond clock needs the kind of case (member enquiry, complaint...)."
    )
    assert (err.value.rule, err.value.field) == ("clock-needs-case-kind", "case_kind")
    assert err.value.advice is not None and err.value.advice.startswith("Choose one of: ")
    assert "complaint" in err.value.advice


def test_statutory_clock_specs_cite_their_own_pause_rule() -> None:
    foi = clock_spec(DEFAULT, "foi")
    assert foi.pause_source.startswith("FOIA 2000 s1(3) and s10(6)(b)")
    assert foi.source == "FOIA 2000 s10(1) and s10(6)"
    assert (foi.role, foi.counted_from, foi.length, foi.calendar) == (
        "statutory",
        "receipt",
        20,
        "UK",
    )
    sar = clock_spec(DEFAULT, "sar")
    assert (sar.unit, sar.length, sar.pause_unit) == ("months", 1, "calendar_days")


def test_an_older_record_s_clock_spec_gets_the_documented_defaults() -> None:
    spec = ClockSpec("foi", "FOI", "working_days", 20, 20, "UK", "s10", "same_day", "p")
    assert (spec.counted_from, spec.counting_source, spec.pause_source) == ("receipt", "", "")
    assert (spec.pause_unit, spec.extension_after_deadline) == ("working_days", "record_late")
    assert Pause(date(2026, 1, 5), None) == Pause(date(2026, 1, 5), None, "other", "", False)


def test_the_clock_module_exports_what_it_lists() -> None:
    assert all(hasattr(clocks, name) for name in clocks.__all__)
    expected = {"MONTHS", "STATUSES", "WORKING_DAYS", "Clock", "ClockChange", "ClockSpec", "Pause"}
    expected |= {"acknowledged_on", "case_deadlines", "clock_spec", "complete", "extend"}
    expected |= {"is_overdue", "restart", "working_days_left"}
    assert expected <= set(clocks.__all__)


# -- pauses at their edges -------------------------------------------------------------------
def test_a_pause_ending_on_the_day_it_starts_moves_nothing() -> None:
    same_day = Pause(date(2026, 1, 6), date(2026, 1, 6))
    assert paused_span(same_day, False, date(2026, 1, 5)) is None
    assert paused_span(same_day, True, date(2026, 1, 5)) == (date(2026, 1, 5), date(2026, 1, 6))
    assert working_day_due(ENG, date(2026, 1, 5), 10, (same_day,)) == date(2026, 1, 19)


def test_a_restarting_pause_is_skipped_and_later_pauses_still_count() -> None:
    afresh = Pause(date(2026, 1, 6), date(2026, 1, 7), restarts=True)
    later = Pause(date(2026, 1, 8), date(2026, 1, 9))  # Fri 9 does not count
    assert working_day_due(ENG, date(2026, 1, 5), 10, (afresh, later)) == date(2026, 1, 20)
    assert pause_covering(date(2026, 1, 7), (afresh, later), False) is None
    assert pause_covering(date(2026, 1, 9), (afresh, later), False) == later


def test_no_count_is_the_start_itself() -> None:
    pause = Pause(date(2026, 1, 6), date(2026, 1, 8))
    assert working_day_due(ENG, date(2026, 1, 5), 0, (pause,)) == date(2026, 1, 5)


def test_a_working_day_pause_on_a_month_clock_moves_it_by_working_days() -> None:
    pause = Pause(date(2026, 1, 6), date(2026, 1, 9))  # Wed 7, Thu 8, Fri 9 do not count
    due = month_due(ENG, date(2026, 1, 5), 1, (pause,), pause_unit="working_days")
    assert due == date(2026, 2, 10)  # Thu 5 Feb + 3 working days
    assert month_due(ENG, date(2026, 1, 5), 1, (), pause_unit="working_days") == date(2026, 2, 5)


def test_a_pause_over_day_one_moves_a_one_day_deadline() -> None:
    pause = Pause(date(2026, 1, 5), date(2026, 1, 6))  # Tue 6 does not count
    assert working_day_due(ENG, date(2026, 1, 5), 1, (pause,)) == date(2026, 1, 7)


def test_a_second_statutory_extension_is_told_within_the_first_period_only() -> None:
    """FOI: the window is the first 20 working days even after an extension moved the
    deadline; a service level's window is its (extended) deadline."""
    foi = extend(
        start_clock(DEFAULT, "foi", date(2026, 1, 5)), DEFAULT, working_days=10, reason="r"
    )
    assert (first_period_end(foi), foi.due) == (date(2026, 2, 2), date(2026, 2, 16))
    with pytest.raises(CasekitError) as err:
        extend(foi, DEFAULT, working_days=5, reason="more", on=date(2026, 2, 9))
    assert err.value.rule == "extension-notice-window"
    enquiry = extend(_enquiry(), DEFAULT, working_days=2, reason="r")  # due Fri 9 Jan
    again = extend(enquiry, DEFAULT, working_days=1, reason="more", on=date(2026, 1, 8))
    assert again.late is False and again.due == date(2026, 1, 12)


def test_a_calendar_day_pause_counts_from_the_day_after_it_was_asked() -> None:
    """A pause asked on the matching date itself moves it only when the day asked counts
    (the inclusive rule); otherwise its first paused day is after the deadline."""
    on_the_day = (Pause(date(2026, 2, 5), date(2026, 2, 7)),)
    assert matching_date(date(2026, 1, 5), 1, on_the_day) == date(2026, 2, 5)
    assert matching_date(date(2026, 1, 5), 1, on_the_day, inclusive=True) == date(2026, 2, 8)
    same_day = (Pause(date(2026, 1, 6), date(2026, 1, 6)),)
    assert due_date(
        ENG, unit="working_days", length=10, start=date(2026, 1, 5), pauses=same_day
    ) == date(2026, 1, 19)


def test_a_pause_cannot_be_changed_once_made() -> None:
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        Pause(date(2026, 1, 5), None).end = date(2026, 1, 6)  # type: ignore[misc]


@pytest.mark.parametrize("pause_unit", ["calendar_days", "working_days"])
def test_a_month_deadline_from_outside_the_calendar_is_refused_in_its_words(pause_unit):
    """A month after 31 Dec 9999 is no date at all: the start is refused before months are
    added to it, naming the calendar's range, whichever way pauses are counted."""
    with pytest.raises(CasekitError) as err:
        month_due(ENG, date(9999, 12, 31), 1, pause_unit=pause_unit)
    assert (err.value.rule, err.value.field) == ("calendar-range", "date")
    assert "9999-12-31 is outside the working-day calendar" in err.value.message
