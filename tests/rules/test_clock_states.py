"""A clock in every state it can reach, and back from the record: the projection rebuilds
clocks from logged events, so a met, missed or stopped clock must not come back running,
and a restarted clock must not keep the day it stopped."""

from __future__ import annotations

import json
from datetime import date

import pytest

from casekit.rules.clocks import (
    OPEN,
    STATUSES,
    Clock,
    complete,
    extend,
    first_period_end,
    hold,
    is_overdue,
    restart,
    start_clock,
    stop,
)
from casekit.rules.duedates import Pause
from casekit.rules.profile import load_profile

DEFAULT = load_profile("default")
RECEIVED = date(2025, 12, 19)  # a Friday; the response is due Wed 7 Jan 2026


def _respond() -> Clock:
    return start_clock(DEFAULT, "respond", RECEIVED, case_kind="member_enquiry")


def _reloaded(clock: Clock) -> Clock:
    """The clock as the projection gets it back from an event's JSON."""
    return Clock.from_dict(json.loads(json.dumps(clock.as_dict())))


def _states() -> dict[str, Clock]:
    clock = _respond()
    return {
        "running": clock,
        "stopped": stop(clock, date(2025, 12, 22), "waiting for consent", awaiting="consent"),
        "met": complete(clock, date(2026, 1, 7)),
        "missed": complete(clock, date(2026, 1, 8)),
        "held": hold(clock, date(2026, 1, 6), date(2026, 1, 20), "survey booked"),
        "extended late": extend(
            clock, DEFAULT, working_days=3, reason="contractor report", on=date(2026, 1, 9)
        ),
    }


@pytest.mark.parametrize("name", list(_states()))
def test_every_state_comes_back_from_the_record_as_it_was(name: str) -> None:
    clock = _states()[name]
    back = _reloaded(clock)
    assert back == clock
    assert (back.status, back.completed_on, back.stopped_on) == (
        clock.status,
        clock.completed_on,
        clock.stopped_on,
    )


def test_reloaded_states_keep_their_status_and_dates() -> None:
    states = {name: _reloaded(clock) for name, clock in _states().items()}
    assert states["met"].status == "met"
    assert states["met"].completed_on == date(2026, 1, 7)
    assert states["missed"].status == "missed"
    assert states["missed"].completed_on == date(2026, 1, 8)
    assert states["stopped"].status == "stopped"
    assert states["stopped"].stopped_on == date(2025, 12, 22)
    assert states["stopped"].pauses[-1].awaiting == "consent"
    assert states["stopped"].pauses[-1].reason == "waiting for consent"
    assert (states["held"].promised, states["held"].promised_by) == (
        date(2026, 1, 20),
        "holding reply",
    )
    late = states["extended late"]
    assert (late.late, late.promised_by, late.due) == (True, "late extension", date(2026, 1, 7))
    assert states["running"].anchor == "receipt"  # a Friday is a working day
    assert states["running"].received_at == "2025-12-19T09:00"  # a date alone is taken as 9am


def test_an_older_record_without_the_newer_fields_gets_their_defaults() -> None:
    """Events logged before anchors and pause reasons were recorded still load."""
    data = json.loads(json.dumps(stop(_respond(), date(2025, 12, 22), "query").as_dict()))
    del data["anchor"]
    for key in ("awaiting", "reason", "restarts"):
        del data["pauses"][0][key]
    back = Clock.from_dict(data)
    assert back.anchor == "receipt"
    assert back.pauses == (Pause(date(2025, 12, 22), None, "other", "", False),)
    assert back.status == "stopped"


def test_a_restart_finds_a_fresh_afresh_flag_in_the_record() -> None:
    foi = start_clock(DEFAULT, "foi", date(2026, 1, 5))
    asked = stop(foi, date(2026, 1, 6), "what do you mean by 'recent'?", awaiting="clarification")
    again = restart(asked, date(2026, 1, 12))
    assert again.pauses[-1].restarts is True
    assert _reloaded(again).pauses[-1].restarts is True
    assert _reloaded(again) == again


def test_restart_clears_the_stopped_date() -> None:
    stopped = stop(_respond(), date(2025, 12, 22), "query")
    assert stopped.stopped_on == date(2025, 12, 22)
    running = restart(stopped, date(2025, 12, 24))
    assert running.status == "running"
    assert running.stopped_on is None
    assert _reloaded(running).stopped_on is None
    assert running.pauses[-1].end == date(2025, 12, 24)


def test_the_stopped_date_is_the_latest_pause_only_while_it_is_open() -> None:
    first = restart(stop(_respond(), date(2025, 12, 22), "query"), date(2025, 12, 23))
    assert first.stopped_on is None
    second = stop(first, date(2026, 1, 2), "survey")
    assert second.stopped_on == date(2026, 1, 2)  # not the first pause's start


def test_the_first_period_counts_finished_pauses_but_not_extensions() -> None:
    clock = _respond()
    assert first_period_end(clock) == date(2026, 1, 7)
    stopped = stop(clock, date(2025, 12, 22), "query")
    assert first_period_end(stopped) == date(2026, 1, 7)  # the open pause is not counted yet
    restarted = restart(stopped, date(2025, 12, 24))
    assert first_period_end(restarted) == date(2026, 1, 9)
    extended = extend(restarted, DEFAULT, working_days=2, reason="survey")
    assert extended.due == date(2026, 1, 13)
    assert first_period_end(extended) == date(2026, 1, 9)


def test_every_status_a_clock_reaches_is_in_the_vocabulary() -> None:
    reached = {clock.status for clock in _states().values()}
    assert reached == set(STATUSES)
    assert set(OPEN) == {"running", "stopped"}


def test_a_stopped_clock_is_still_open() -> None:
    """Stopping a clock does not take it off the overdue list or stop holding replies."""
    late_stop = stop(_respond(), date(2026, 1, 8), "query")
    assert is_overdue(late_stop, date(2026, 1, 9))
    held = hold(stop(_respond(), date(2026, 1, 5), "query"), date(2026, 1, 6), date(2026, 1, 20))
    assert held.promised == date(2026, 1, 20)
    extended = extend(
        stop(_respond(), date(2026, 1, 5), "query"), DEFAULT, working_days=2, reason="r"
    )
    assert extended.extended_by == 2
