"""Case clocks on fixed dates: service levels, statutory clocks, extensions and stops."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.rules.calendar import calendar_named
from casekit.rules.clocks import (
    Clock,
    case_deadlines,
    clock_spec,
    complete,
    extend,
    holding_reply_due,
    is_overdue,
    restart,
    start_clock,
    stop,
    working_days_left,
)
from casekit.rules.ledger import explain
from casekit.rules.profile import PROFILES_DIR, load_profile

DEFAULT = load_profile("default")
FIVE_DAY = load_profile("five-day")


@pytest.fixture(scope="module")
def same_day_profile(tmp_path_factory) -> object:
    """The default profile with receipts on non-working days counted from that day."""
    text = (PROFILES_DIR / "default.toml").read_text(encoding="utf-8")
    changed = text.replace(
        'receipt_on_non_working_day = "next_working_day"', 'receipt_on_non_working_day = "same_day"'
    )
    assert changed != text
    path: Path = tmp_path_factory.mktemp("profiles") / "same-day.toml"
    path.write_text(changed, encoding="utf-8")
    return load_profile(path)


# profile, clock, case kind, received, expected due
CASES = [
    # casework-rules.md section 3: Fri 19 Dec 2025, 10 WD in England -> Wed 7 Jan 2026.
    ("default", "respond", "member_enquiry", datetime(2025, 12, 19, 16, 45), date(2026, 1, 7)),
    ("default", "acknowledge", "member_enquiry", datetime(2025, 12, 19, 9, 0), date(2025, 12, 23)),
    # Received on a Saturday: counting starts on Monday, so day 1 is Tuesday.
    ("default", "respond", "member_enquiry", date(2025, 12, 20), date(2026, 1, 8)),
    ("default", "respond", "service_request", date(2026, 1, 5), date(2026, 1, 19)),
    # Complaint over Easter 2026 (Good Friday and Easter Monday off in England).
    ("default", "acknowledge", "complaint", date(2026, 4, 1), date(2026, 4, 10)),
    ("default", "respond", "complaint", date(2026, 4, 1), date(2026, 4, 24)),
    # FOI: the 20th working day counting every UK nation's holidays (FOIA s10(6)).
    ("default", "foi", None, date(2025, 12, 19), date(2026, 1, 22)),
    ("default", "foi", None, date(2026, 4, 1), date(2026, 5, 1)),
    ("default", "eir", None, date(2025, 12, 19), date(2026, 1, 22)),
    # SAR: the matching date next month, off weekends and bank holidays (UK GDPR art. 12(3)).
    ("default", "sar", None, date(2025, 12, 19), date(2026, 1, 19)),
    ("default", "sar", None, date(2026, 1, 31), date(2026, 3, 2)),  # 28 Feb is a Saturday
    ("default", "sar", None, date(2025, 11, 25), date(2025, 12, 29)),  # Christmas, then weekend
    ("default", "sar", None, date(2026, 5, 30), date(2026, 6, 30)),  # Saturday receipt counts
    # The five-day council in Scotland (St Andrew's Day moved to Monday 1 December 2025).
    ("five-day", "respond", "member_enquiry", date(2025, 11, 27), date(2025, 12, 5)),
    ("five-day", "acknowledge", "complaint", date(2026, 4, 1), date(2026, 4, 7)),
    ("five-day", "respond", "complaint", date(2026, 4, 1), date(2026, 4, 9)),
    # FOISA counts Scottish holidays only: Easter Monday is a working day.
    ("five-day", "foi", None, date(2026, 4, 1), date(2026, 4, 30)),
]


@pytest.mark.parametrize(("profile", "clock_id", "kind", "received", "due"), CASES)
def test_due_dates(profile, clock_id, kind, received, due):
    clock = start_clock(load_profile(profile), clock_id, received, case_kind=kind)
    assert clock.due == due
    assert clock.status == "running"
    assert clock.started == (received.date() if isinstance(received, datetime) else received)
    assert clock.source  # every clock cites where its rule comes from


def test_same_day_receipt_counts_from_the_day_received(same_day_profile):
    clock = start_clock(same_day_profile, "respond", date(2025, 12, 20), case_kind="member_enquiry")
    assert clock.due == date(2026, 1, 7)
    assert clock.counting_from == date(2025, 12, 20)


def test_clock_cites_the_profile():
    clock = start_clock(DEFAULT, "foi", date(2026, 1, 5))
    assert clock.label == "Freedom of Information request"
    assert clock.source == "FOIA 2000 s10(1) and s10(6)"
    assert clock.spec.calendar == "UK"
    assert start_clock(FIVE_DAY, "foi", date(2026, 1, 5)).spec.calendar == "SCT"


def test_case_deadlines_gives_acknowledgement_and_response():
    clocks = case_deadlines(DEFAULT, "member_enquiry", datetime(2025, 12, 19, 10, 0))
    assert set(clocks) == {"acknowledge", "respond"}
    assert clocks["acknowledge"].due == date(2025, 12, 23)
    assert clocks["respond"].due == date(2026, 1, 7)
    assert clocks["respond"].case_kind == "member_enquiry"


def test_unknown_clock_or_kind_is_refused():
    with pytest.raises(CasekitError, match="needs the kind of case") as err:
        start_clock(DEFAULT, "respond", date(2026, 1, 5))
    assert err.value.field == "case_kind"
    with pytest.raises(CasekitError, match="no service level"):
        start_clock(DEFAULT, "respond", date(2026, 1, 5), case_kind="petition")
    with pytest.raises(CasekitError, match="no statutory clock"):
        start_clock(DEFAULT, "planning", date(2026, 1, 5))


# ----------------------------------------------------------------- extensions

EXTENSIONS = [
    # profile, clock, kind, extension, allowed
    ("default", "respond", "complaint", {"working_days": 10}, True),
    ("default", "respond", "complaint", {"working_days": 11}, False),
    ("default", "respond", "member_enquiry", {"working_days": 30}, True),  # no limit set
    # FOIA s10(3): up to 20 more working days for the public interest test (ICO). The kit
    # refused any FOI extension before, which was the wrong law.
    ("default", "foi", None, {"working_days": 20}, True),
    ("default", "foi", None, {"working_days": 21}, False),
    ("five-day", "foi", None, {"working_days": 1}, False),  # FOISA has no such extension
    ("default", "eir", None, {"working_days": 20}, True),
    ("default", "eir", None, {"working_days": 21}, False),
    ("default", "sar", None, {"months": 2}, True),
    ("default", "sar", None, {"months": 3}, False),
    ("five-day", "respond", "member_enquiry", {"working_days": 5}, True),
    ("five-day", "respond", "member_enquiry", {"working_days": 6}, False),
]


@pytest.mark.parametrize(("profile_name", "clock_id", "kind", "ask", "allowed"), EXTENSIONS)
def test_extension_limits_come_from_the_profile(profile_name, clock_id, kind, ask, allowed):
    profile = load_profile(profile_name)
    clock = start_clock(profile, clock_id, date(2026, 1, 5), case_kind=kind)
    if allowed:
        longer = extend(clock, profile, reason="waiting for the contractor's survey", **ask)
        assert longer.due > clock.due
        assert longer.extended_by == next(iter(ask.values()))
        assert longer.history[-1].reason == "waiting for the contractor's survey"
    else:
        with pytest.raises(CasekitError) as err:
            extend(clock, profile, reason="complex", **ask)
        assert err.value.rule == "extension-limit"
        assert err.value.source == clock.spec.extension_source
        assert err.value.field == next(iter(ask))


def test_extensions_add_up_against_the_limit():
    clock = start_clock(DEFAULT, "respond", date(2026, 1, 5), case_kind="complaint")
    clock = extend(clock, DEFAULT, working_days=6, reason="survey")
    with pytest.raises(CasekitError, match="at most 4 more"):
        extend(clock, DEFAULT, working_days=5, reason="survey")
    assert extend(clock, DEFAULT, working_days=4, reason="survey").extended_by == 10


def test_sar_extension_runs_to_the_matching_date_three_months_on():
    clock = start_clock(DEFAULT, "sar", date(2026, 1, 31))
    assert extend(clock, DEFAULT, months=2, reason="complex request").due == date(2026, 4, 30)


def test_extension_needs_a_reason_and_the_right_unit():
    clock = start_clock(DEFAULT, "respond", date(2026, 1, 5), case_kind="complaint")
    with pytest.raises(CasekitError) as err:
        extend(clock, DEFAULT, working_days=2, reason="  ")
    assert err.value.rule == "extension-needs-reason"
    assert err.value.source == DEFAULT.rules["extension-needs-reason"].source
    with pytest.raises(CasekitError, match="positive"):
        extend(clock, DEFAULT, working_days=-2, reason="oops")
    with pytest.raises(CasekitError, match="positive"):
        extend(clock, DEFAULT, reason="nothing asked")
    with pytest.raises(CasekitError, match="counted in working days"):
        extend(clock, DEFAULT, months=1, reason="wrong unit")
    sar = start_clock(DEFAULT, "sar", date(2026, 1, 5))
    with pytest.raises(CasekitError, match="counted in months"):
        extend(sar, DEFAULT, working_days=5, reason="wrong unit")


def test_five_day_limit_message_names_the_unit():
    sar = start_clock(FIVE_DAY, "sar", date(2026, 1, 5))
    with pytest.raises(CasekitError, match="at most 2 more months; you asked for 3"):
        extend(sar, FIVE_DAY, months=3, reason="complex")


# ----------------------------------------------------------------- stop, restart, complete


def _respond() -> Clock:
    return start_clock(DEFAULT, "respond", date(2025, 12, 19), case_kind="member_enquiry")


def test_stopped_working_days_move_the_due_date_on():
    clock = _respond()
    assert clock.due == date(2026, 1, 7)
    stopped = stop(clock, date(2025, 12, 22), "waiting for the constituent's consent")
    assert stopped.status == "stopped"
    assert stopped.due == clock.due  # not known until it restarts
    running = restart(stopped, date(2025, 12, 24))  # Tue 23 and Wed 24 did not count
    assert running.stopped_days == 2
    assert running.due == date(2026, 1, 9)
    again = restart(stop(running, date(2026, 1, 2), "survey"), date(2026, 1, 5))
    assert again.stopped_days == 3
    assert again.due == date(2026, 1, 12)
    assert [c.action for c in again.history] == ["stopped", "restarted", "stopped", "restarted"]


def test_restart_on_the_day_stopped_changes_nothing():
    clock = _respond()
    assert restart(stop(clock, date(2025, 12, 22), "query"), date(2025, 12, 22)).due == clock.due


def test_stop_over_a_holiday_counts_only_working_days():
    clock = _respond()
    # Stopped Wed 24 Dec, restarted Fri 2 Jan: 29, 30, 31 Dec and 2 Jan are working days.
    assert restart(stop(clock, date(2025, 12, 24), "query"), date(2026, 1, 2)).stopped_days == 4


def test_sar_pause_moves_the_due_date_on_by_calendar_days():
    # UK GDPR art. 12A (Data (Use and Access) Act 2025); ICO: the pause is counted in
    # calendar days, from the day identity or clarification is asked for to the day it
    # arrives, both included. The kit counted working days (10 Feb): the wrong law.
    sar = start_clock(DEFAULT, "sar", date(2026, 1, 5))
    assert sar.due == date(2026, 2, 5)
    asked = stop(sar, date(2026, 1, 6), "asked for proof of identity", awaiting="identity")
    paused = restart(asked, date(2026, 1, 9))
    assert paused.due == date(2026, 2, 9)  # 5 Feb + 4 days is Mon 9 Feb
    assert paused.stopped_days == 4


def test_stop_and_restart_guards():
    clock = _respond()
    with pytest.raises(CasekitError) as err:
        stop(clock, date(2025, 12, 22), "")
    assert err.value.rule == "extension-needs-reason"
    with pytest.raises(CasekitError, match="it is running") as err:
        restart(clock, date(2025, 12, 22))
    assert err.value.rule == "clock-state"
    stopped = stop(clock, date(2025, 12, 22), "query", profile=DEFAULT)
    with pytest.raises(CasekitError, match="it is stopped"):
        stop(stopped, date(2025, 12, 23), "again")
    with pytest.raises(CasekitError, match="before it stopped"):
        restart(stopped, date(2025, 12, 21))
    with pytest.raises(CasekitError, match="before it started"):
        stop(clock, date(2025, 12, 1), "too early")


def test_complete_is_met_on_the_due_day_and_missed_after():
    clock = _respond()
    assert complete(clock, date(2026, 1, 7)).status == "met"
    missed = complete(clock, date(2026, 1, 8))
    assert missed.status == "missed"
    assert missed.completed_on == date(2026, 1, 8)
    with pytest.raises(CasekitError, match="it is missed"):
        complete(missed, date(2026, 1, 9))
    with pytest.raises(CasekitError, match="it is met"):
        extend(complete(clock, date(2026, 1, 7)), DEFAULT, working_days=1, reason="late")


def test_complete_while_stopped_counts_the_stop():
    clock = stop(_respond(), date(2026, 1, 5), "survey")
    done = complete(clock, date(2026, 1, 9))  # Tue 6 to Fri 9 did not count
    assert done.status == "met"
    assert done.stopped_days == 4
    assert done.due == date(2026, 1, 13)


# ----------------------------------------------------------------- monitoring questions


@pytest.mark.parametrize(
    ("today", "left", "holding", "overdue"),
    [
        (date(2026, 1, 2), 3, False, False),
        (date(2026, 1, 5), 2, False, False),
        (date(2026, 1, 6), 1, True, False),
        (date(2026, 1, 7), 0, True, False),
        (date(2026, 1, 8), -1, True, True),
    ],
)
def test_holding_reply_is_due_a_working_day_before_the_deadline(today, left, holding, overdue):
    clock = _respond()
    assert working_days_left(clock, today) == left
    assert holding_reply_due(clock, today) is holding
    assert is_overdue(clock, today) is overdue


def test_holding_reply_only_for_open_response_clocks():
    today = date(2026, 1, 7)
    acknowledge = case_deadlines(DEFAULT, "member_enquiry", date(2025, 12, 19))["acknowledge"]
    assert not holding_reply_due(acknowledge, date(2025, 12, 23))
    assert not holding_reply_due(start_clock(DEFAULT, "foi", date(2025, 12, 1)), today)
    assert not holding_reply_due(complete(_respond(), date(2026, 1, 6)), today)


def test_clock_round_trips_through_json():
    clock = extend(_respond(), DEFAULT, working_days=2, reason="survey")
    clock = restart(stop(clock, date(2025, 12, 22), "query"), date(2025, 12, 23))
    data = json.loads(json.dumps(clock.as_dict()))
    assert data["due"] == clock.due.isoformat()
    assert Clock.from_dict(data) == clock


def test_clock_spec_for_a_service_level():
    spec = clock_spec(FIVE_DAY, "respond", case_kind="member_enquiry")
    assert (spec.length, spec.max_extension, spec.calendar) == (5, 5, "SCT")
    assert spec.holding_reply
    assert not clock_spec(FIVE_DAY, "acknowledge", case_kind="member_enquiry").holding_reply


# ----------------------------------------------------------------- properties

received_days = st.dates(min_value=date(2021, 1, 1), max_value=date(2033, 6, 30))
clock_choices = st.sampled_from(
    [
        ("acknowledge", "member_enquiry"),
        ("respond", "member_enquiry"),
        ("respond", "complaint"),
        ("acknowledge", "complaint"),
        ("foi", None),
        ("eir", None),
        ("sar", None),
    ]
)
profiles = st.sampled_from([DEFAULT, FIVE_DAY])


@settings(max_examples=200, deadline=None)
@given(profile=profiles, choice=clock_choices, received=received_days)
def test_due_is_never_before_receipt_and_is_a_working_day(profile, choice, received):
    clock_id, kind = choice
    clock = start_clock(profile, clock_id, received, case_kind=kind)
    assert clock.due >= clock.started
    calendar = calendar_named(clock.spec.calendar)
    assert calendar.is_working_day(clock.due)
    if clock.spec.unit == "working_days" and clock.spec.length:
        assert calendar.working_days_between(clock.counting_from, clock.due) == clock.spec.length


@settings(max_examples=200, deadline=None)
@given(
    profile=profiles,
    choice=clock_choices,
    received=received_days,
    amount=st.integers(min_value=1, max_value=25),
)
def test_extensions_never_shorten(profile, choice, received, amount):
    clock_id, kind = choice
    clock = start_clock(profile, clock_id, received, case_kind=kind)
    ask = {"months" if clock.spec.unit == "months" else "working_days": amount}
    try:
        longer = extend(clock, profile, reason="complex request", **ask)
    except CasekitError as err:
        assert err.rule == "extension-limit"
        assert clock.spec.max_extension is not None and amount > clock.spec.max_extension
        return
    assert longer.due > clock.due


@settings(max_examples=200, deadline=None)
@given(
    choice=clock_choices,
    received=received_days,
    stop_after=st.integers(min_value=0, max_value=30),
    paused=st.integers(min_value=0, max_value=30),
)
def test_a_pause_never_shortens_and_moves_by_the_paused_days_before_the_deadline(
    choice, received, stop_after, paused
):
    # A pause moves the deadline by the days it covers that would have counted; one that
    # starts after the deadline gives no more time (the kit moved it by every stopped
    # working day, even after the deadline had passed).
    clock_id, kind = choice
    clock = start_clock(DEFAULT, clock_id, received, case_kind=kind)
    stopped_on = received + timedelta(days=stop_after)
    restarted_on = stopped_on + timedelta(days=paused)
    resumed = restart(stop(clock, stopped_on, "waiting for consent"), restarted_on)
    calendar = calendar_named(clock.spec.calendar)
    assert resumed.due >= clock.due
    assert calendar.is_working_day(resumed.due)
    if stopped_on > clock.due:
        assert resumed.due == clock.due
    if clock.spec.unit == "working_days":
        ledger = explain(resumed)
        assert ledger.counted == clock.spec.length
