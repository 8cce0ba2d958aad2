"""The law's dates, fixed: every rule of casework-rules.md sections 2-4 and every date in
issue 10, each with its source, through the clock rules the workflow replays.

Where the kit used to give another date, the comment says what it said.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.rules import clocks as c
from casekit.rules.calendar import calendar_named
from casekit.rules.ledger import explain
from casekit.rules.profile import load_profile

DEFAULT = load_profile("default")
FIVE = load_profile("five-day")

FOIA = "FOIA 2000 s10(1) and s10(6): 'the twentieth working day following the date of receipt'"
EIR = "EIR 2004 reg. 5(2)"
SAR = "UK GDPR art. 12(3); ICO guidance on time limits"
LGSCO = "LGSCO Complaint Handling Code (from 1 April 2026)"
PROTOCOL = "default profile: member enquiry 10 WD, next_working_day receipt rule"

# (source, clock, case kind, received, expected due)
RECEIPT = [
    # Statutory counting: day 1 is the first working day after receipt, whatever day that
    # is (the kit counted one working day late after a non-working-day receipt).
    (FOIA, "foi", None, date(2026, 4, 3), date(2026, 5, 5)),  # Good Friday; kit: 6 May
    (FOIA, "foi", None, date(2026, 12, 19), date(2027, 1, 21)),  # Saturday; kit: 22 Jan
    (FOIA, "foi", None, date(2027, 1, 1), date(2027, 2, 1)),  # New Year's Day; kit: 2 Feb
    (FOIA, "foi", None, date(2026, 8, 1), date(2026, 9, 1)),  # Saturday; kit: 2 Sep
    # casework-rules.md section 3: FOI over Christmas counts every UK nation's holidays
    # (Scotland's 2 January), 22 Jan against 21 Jan for England alone.
    (FOIA, "foi", None, date(2025, 12, 19), date(2026, 1, 22)),
    (EIR, "eir", None, date(2026, 4, 3), date(2026, 5, 5)),
    (EIR, "eir", None, date(2026, 12, 19), date(2027, 1, 21)),
    # SAR: to the matching date next month (the month's last day when there is none),
    # then off a weekend or bank holiday.
    (SAR, "sar", None, date(2026, 1, 31), date(2026, 3, 2)),  # 28 Feb is a Saturday
    (SAR, "sar", None, date(2027, 1, 30), date(2027, 3, 1)),  # 28 Feb 2027 is a Sunday
    (SAR, "sar", None, date(2026, 5, 30), date(2026, 6, 30)),
    (SAR, "sar", None, date(2025, 11, 25), date(2025, 12, 29)),  # Christmas, then weekend
    # Member enquiries keep the profile's own counting rule (not law).
    (PROTOCOL, "respond", "member_enquiry", date(2025, 12, 19), date(2026, 1, 7)),
    (PROTOCOL, "respond", "member_enquiry", date(2026, 12, 19), date(2027, 1, 7)),
    # Complaints: acknowledge in 5 WD; stage 1 answer 10 WD after the acknowledgement,
    # counted from the acknowledgement's deadline until it is sent (kit: 15 WD from receipt).
    (LGSCO, "acknowledge", "complaint", date(2026, 6, 1), date(2026, 6, 8)),
    (LGSCO, "respond", "complaint", date(2026, 6, 1), date(2026, 6, 22)),
    (LGSCO, "acknowledge", "complaint_stage2", date(2026, 6, 1), date(2026, 6, 8)),
    # FOISA (the five-day Scottish profile): Scottish holidays only, so Easter Monday counts.
    ("FOISA 2002 s10(1) and s73", "foi", None, date(2026, 4, 3), date(2026, 5, 1)),
]


@pytest.mark.parametrize(("source", "clock", "kind", "received", "due"), RECEIPT)
def test_receipt_to_deadline(source, clock, kind, received, due):
    profile = FIVE if source.startswith("FOISA") else DEFAULT
    started = c.start_clock(profile, clock, received, case_kind=kind)
    assert started.due == due, source
    assert explain(started).counted == explain(started).length


ACKNOWLEDGED = [
    # (source, level, received, acknowledged, due)
    (LGSCO + ", stage 1", "complaint", date(2026, 6, 1), date(2026, 6, 2), date(2026, 6, 16)),
    (LGSCO + ", stage 2", "complaint_stage2", date(2026, 6, 1), date(2026, 6, 3), date(2026, 7, 1)),
]


@pytest.mark.parametrize(("source", "level", "received", "acknowledged", "due"), ACKNOWLEDGED)
def test_complaint_answer_counts_from_the_acknowledgement(
    source, level, received, acknowledged, due
):
    clock = c.start_clock(DEFAULT, "respond", received, case_kind=level, acknowledged=acknowledged)
    assert clock.due == due, source
    # the same through the workflow's replay: provisional, then anchored on acknowledgement
    provisional = c.start_clock(DEFAULT, "respond", received, case_kind=level)
    assert provisional.anchor == "acknowledgement deadline"
    assert c.acknowledged_on(provisional, acknowledged).due == due


CLARIFIED = [
    # FOIA s1(3), s10(6)(b); EIR reg. 9(4): 20 WD afresh from the day the answer arrives
    # (17 Mar is a Northern Ireland bank holiday). The kit paused instead: 10 Apr.
    (
        "FOIA 2000 s1(3) and s10(6)(b)",
        "foi",
        date(2026, 3, 2),
        date(2026, 3, 16),
        date(2026, 4, 16),
    ),
    ("EIR 2004 reg. 9(4)", "eir", date(2026, 3, 2), date(2026, 3, 16), date(2026, 4, 16)),
]


@pytest.mark.parametrize(("source", "clock", "received", "answered", "due"), CLARIFIED)
def test_clarification_restarts_foi_and_eir(source, clock, received, answered, due):
    started = c.start_clock(DEFAULT, clock, received)
    asked = c.stop(
        started, received + timedelta(days=1), "what is wanted?", awaiting="clarification"
    )
    restarted = c.restart(asked, answered)
    assert restarted.due == due, source
    assert restarted.counting_from == answered and restarted.anchor == "clarification"
    ledger = explain(restarted)
    assert ledger.day_one == date(2026, 3, 18)  # 17 March: St Patrick's Day (NI)
    assert any("Northern Ireland" in d.reason for d in ledger.days if d.date == date(2026, 3, 17))


def test_foi_fees_notice_is_a_pause_of_working_days_both_days_included():
    # FOIA s10(2): the working days from the day the fees notice is given to the day the
    # fee is received are disregarded. 4 to 10 March: five working days.
    clock = c.start_clock(DEFAULT, "foi", date(2026, 3, 2))
    assert clock.due == date(2026, 3, 31)
    paid = c.restart(
        c.stop(clock, date(2026, 3, 4), "fees notice", awaiting="fee"), date(2026, 3, 10)
    )
    assert paid.due == date(2026, 4, 9)


def test_sar_pause_is_in_calendar_days():
    # UK GDPR art. 12A (Data (Use and Access) Act 2025): the days from asking for identity
    # to receiving it do not count, both included. Kit: working days.
    sar = c.start_clock(DEFAULT, "sar", date(2026, 1, 5))
    paused = c.restart(
        c.stop(sar, date(2026, 1, 6), "identity", awaiting="identity"), date(2026, 1, 9)
    )
    assert paused.due == date(2026, 2, 9)


EXTENSIONS = [
    # (source, clock, received, told on, amount, allowed, due after)
    # FOIA s10(3): up to 20 more working days, told within the first 20 (kit: refused all).
    ("FOIA 2000 s10(3)", "foi", date(2026, 1, 5), date(2026, 1, 20), 20, True, date(2026, 3, 2)),
    ("FOIA 2000 s10(3)", "foi", date(2026, 1, 5), date(2026, 2, 3), 20, False, None),
    # EIR reg. 7: to 40 working days, told within the first 20 (kit: accepted late).
    ("EIR 2004 reg. 7(3)", "eir", date(2026, 1, 5), date(2026, 2, 2), 20, True, date(2026, 3, 2)),
    ("EIR 2004 reg. 7(3)", "eir", date(2026, 1, 5), date(2026, 2, 3), 20, False, None),
    # UK GDPR art. 12(3): two more months, told within the first month. Issue 10: a SAR
    # due 2 Mar extended on 5 Mar was accepted (to 5 May); it is a breach.
    ("UK GDPR art. 12(3)", "sar", date(2026, 1, 31), date(2026, 3, 2), 2, True, date(2026, 4, 30)),
    ("UK GDPR art. 12(3)", "sar", date(2026, 1, 31), date(2026, 3, 5), 2, False, None),
]


@pytest.mark.parametrize(("source", "clock", "received", "told", "amount", "ok", "due"), EXTENSIONS)
def test_statutory_extension_must_be_told_within_the_first_period(
    source, clock, received, told, amount, ok, due
):
    started = c.start_clock(DEFAULT, clock, received)
    ask = {"months" if clock == "sar" else "working_days": amount}
    if ok:
        extended = c.extend(started, DEFAULT, reason="complex request", on=told, **ask)
        assert extended.due == due and not extended.late
        return
    with pytest.raises(CasekitError) as err:
        c.extend(started, DEFAULT, reason="complex request", on=told, **ask)
    assert err.value.rule == "extension-notice-window"
    assert source.split(" ")[0] in err.value.source
    assert "breach" in err.value.message


def test_a_late_service_level_extension_is_recorded_late_never_met():
    # Issue 10: an extension after the deadline was accepted and the pack showed "met".
    clock = c.start_clock(DEFAULT, "respond", datetime(2026, 1, 12, 9), case_kind="member_enquiry")
    assert clock.due == date(2026, 1, 26)
    late = c.extend(clock, DEFAULT, working_days=5, reason="survey", on=date(2026, 1, 27))
    assert late.late and late.due == date(2026, 1, 26) and late.promised == date(2026, 2, 2)
    assert c.complete(late, date(2026, 1, 29)).status == "missed"
    in_time = c.extend(clock, DEFAULT, working_days=5, reason="survey", on=date(2026, 1, 26))
    assert not in_time.late and in_time.due == date(2026, 2, 2)


def test_holding_reply_holds_the_case_to_its_date_until_it_passes():
    # Issue 10: a holding reply promising Mon 2 Feb; on 27 Jan the case showed overdue.
    clock = c.start_clock(DEFAULT, "respond", datetime(2026, 1, 12, 9), case_kind="member_enquiry")
    held = c.hold(clock, date(2026, 1, 23), date(2026, 2, 2))
    assert c.held(held, date(2026, 1, 27)) and c.is_overdue(held, date(2026, 1, 27))
    assert not c.holding_reply_due(held, date(2026, 1, 27))
    assert not c.held(held, date(2026, 2, 3))  # overdue again once the date passes
    too_late = c.hold(clock, date(2026, 1, 27), date(2026, 2, 2))  # after the deadline
    assert not c.held(too_late, date(2026, 1, 28))
    assert c.complete(held, date(2026, 1, 30)).status == "missed"  # a promise is not a deadline


def test_uk_local_date_of_a_utc_timestamp():
    # casework-rules.md section 3: 23:30 UTC on 30 Jun is 1 Jul in the UK (BST). The kit
    # counted from 30 Jun. 13 Jul 2026 is a Northern Ireland bank holiday.
    clock = c.start_clock(DEFAULT, "foi", "2026-06-30T23:30+00:00")
    assert clock.started == date(2026, 7, 1) and clock.received_at == "2026-07-01T00:30"
    assert clock.due == date(2026, 7, 30)
    winter = c.start_clock(DEFAULT, "foi", "2026-12-30T23:30Z")  # GMT: the same day
    assert winter.started == date(2026, 12, 30)


# ----------------------------------------------------------------- properties

DAYS = st.dates(min_value=date(2021, 1, 1), max_value=date(2033, 6, 30))
CLOCKS = st.sampled_from(
    [
        ("foi", None),
        ("eir", None),
        ("sar", None),
        ("acknowledge", "member_enquiry"),
        ("respond", "member_enquiry"),
        ("acknowledge", "complaint"),
        ("respond", "complaint"),
        ("respond", "complaint_stage2"),
    ]
)
PROFILES = st.sampled_from([DEFAULT, FIVE])


@settings(max_examples=300, deadline=None)
@given(profile=PROFILES, choice=CLOCKS, received=DAYS)
def test_a_due_date_is_never_a_non_working_day_of_its_calendar(profile, choice, received):
    clock = c.start_clock(profile, choice[0], received, case_kind=choice[1])
    assert calendar_named(clock.spec.calendar).is_working_day(clock.due)
    assert clock.due > clock.started


@settings(max_examples=300, deadline=None)
@given(profile=PROFILES, choice=CLOCKS, received=DAYS, later=st.integers(min_value=1, max_value=40))
def test_due_dates_never_move_earlier_when_receipt_moves_later(profile, choice, received, later):
    first = c.start_clock(profile, choice[0], received, case_kind=choice[1])
    second = c.start_clock(
        profile, choice[0], received + timedelta(days=later), case_kind=choice[1]
    )
    assert second.due >= first.due


@settings(max_examples=300, deadline=None)
@given(
    profile=PROFILES,
    choice=CLOCKS,
    received=DAYS,
    amount=st.integers(min_value=1, max_value=25),
    told_after=st.integers(min_value=0, max_value=40),
)
def test_an_extension_never_shortens(profile, choice, received, amount, told_after):
    clock = c.start_clock(profile, choice[0], received, case_kind=choice[1])
    ask = {"months" if clock.spec.unit == "months" else "working_days": amount}
    told = received + timedelta(days=told_after)
    try:
        longer = c.extend(clock, profile, reason="complex request", on=told, **ask)
    except CasekitError as err:
        assert err.rule in ("extension-limit", "extension-notice-window")
        return
    assert longer.due >= clock.due
    if longer.late:
        assert longer.due == clock.due and longer.promised > clock.due
    else:
        assert longer.due > clock.due


@settings(max_examples=300, deadline=None)
@given(
    profile=PROFILES,
    choice=CLOCKS,
    received=DAYS,
    stop_after=st.integers(min_value=0, max_value=25),
    paused=st.integers(min_value=0, max_value=25),
    awaiting=st.sampled_from(["clarification", "identity", "fee", "other"]),
    extension=st.integers(min_value=0, max_value=2),
)
def test_the_ledger_counts_exactly_the_length(
    profile, choice, received, stop_after, paused, awaiting, extension
):
    clock = c.start_clock(profile, choice[0], received, case_kind=choice[1])
    if extension and (clock.spec.max_extension or 0) >= extension:
        ask = {"months" if clock.spec.unit == "months" else "working_days": extension}
        clock = c.extend(clock, profile, reason="complex", **ask)
    asked = received + timedelta(days=stop_after)
    clock = c.restart(c.stop(clock, asked, "waiting", awaiting=awaiting), asked + timedelta(paused))
    ledger = explain(clock)
    assert ledger.counted == ledger.length
    assert ledger.days[-1].date == clock.due
    assert all(d.reason for d in ledger.days)
    counted = [d for d in ledger.days if d.counted]
    assert [d.day for d in counted] == list(range(1, len(counted) + 1))
    if clock.spec.unit == "working_days":
        cal = calendar_named(clock.spec.calendar)
        assert all(cal.is_working_day(d.date) for d in counted)
        assert ledger.days[-1].counted  # the deadline is the last counted working day
