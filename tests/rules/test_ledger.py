"""Deadlines explain themselves: the ledger names every day's reason and every rule."""

from __future__ import annotations

import json
from datetime import date, datetime

from casekit.rules import clocks as c
from casekit.rules.ledger import explain
from casekit.rules.profile import load_profile

DEFAULT = load_profile("default")


def _day(ledger, day):
    return next(d for d in ledger.days if d.date == day)


def test_good_friday_foi_day_by_day():
    ledger = explain(c.start_clock(DEFAULT, "foi", datetime(2026, 4, 3, 16, 45)))
    assert ledger.received == datetime(2026, 4, 3, 16, 45)
    assert ledger.day_one == date(2026, 4, 7) and ledger.due == date(2026, 5, 5)
    assert ledger.counted == ledger.length == 20
    assert _day(ledger, date(2026, 4, 4)).reason == "Saturday: weekend"
    easter = _day(ledger, date(2026, 4, 6))
    assert not easter.counted
    assert "Easter Monday" in easter.reason and "Northern Ireland" in easter.reason
    assert "Scotland" not in easter.reason  # not a bank holiday there
    may_day = _day(ledger, date(2026, 5, 4))
    assert "every UK nation" in may_day.reason
    last = ledger.days[-1]
    assert last.counted and last.day == 20 and last.reason == "working day 20 of 20"
    assert "whatever day it was" in ledger.rule
    assert "any part of the United Kingdom" in ledger.calendar
    assert ledger.sources[0] == "FOIA 2000 s10(1) and s10(6)"
    assert any("s10(1)" in s for s in ledger.sources[1:])


def test_the_profile_rule_for_a_weekend_member_enquiry_is_explained():
    ledger = explain(
        c.start_clock(DEFAULT, "respond", date(2025, 12, 20), case_kind="member_enquiry")
    )
    monday = _day(ledger, date(2025, 12, 22))
    assert not monday.counted and "non-working day" in monday.reason
    assert ledger.day_one == date(2025, 12, 23)
    assert "council's own rule" in ledger.rule
    assert "England" in ledger.calendar
    assert "Christmas Day" in _day(ledger, date(2025, 12, 25)).reason


def test_pauses_extensions_and_restarts_are_named():
    clock = c.start_clock(DEFAULT, "eir", date(2026, 3, 2))
    asked = c.stop(clock, date(2026, 3, 5), "what is wanted?", awaiting="clarification")
    clock = c.restart(asked, date(2026, 3, 16))
    clock = c.extend(
        clock, DEFAULT, working_days=20, reason="complex and voluminous", on=date(2026, 3, 20)
    )
    ledger = explain(clock)
    assert ledger.counted == ledger.length == 40
    assert "no longer count" in _day(ledger, date(2026, 3, 3)).reason
    assert "waiting for the clarification" in _day(ledger, date(2026, 3, 6)).reason
    assert "starts afresh" in _day(ledger, date(2026, 3, 16)).reason
    extension = [d for d in ledger.days if d.counted and d.day > 20]
    assert extension and "extension" in extension[0].reason
    assert "complex and voluminous" in extension[0].reason
    assert any(n.startswith("Extended by 20 working days") for n in ledger.notes)
    assert any("reg. 7" in s for s in ledger.sources)


def test_a_sar_pause_and_the_move_off_a_weekend():
    sar = c.start_clock(DEFAULT, "sar", date(2026, 1, 31))
    ledger = explain(sar)
    assert ledger.length == 28 and ledger.counted == 28  # to the last day of February
    saturday = _day(ledger, date(2026, 2, 28))
    assert saturday.counted and "every calendar day" in saturday.reason
    assert not _day(ledger, date(2026, 3, 1)).counted
    assert _day(ledger, date(2026, 3, 2)).reason.startswith("due: the next working day")
    paused = c.restart(
        c.stop(sar, date(2026, 2, 2), "identity", awaiting="identity"), date(2026, 2, 4)
    )
    ledger = explain(paused)
    assert "paused: waiting for identity" in _day(ledger, date(2026, 2, 2)).reason
    assert ledger.counted == ledger.length


def test_a_stopped_clock_says_so_and_a_holding_reply_is_noted():
    clock = c.start_clock(DEFAULT, "respond", date(2026, 1, 12), case_kind="member_enquiry")
    held = c.hold(clock, date(2026, 1, 23), date(2026, 2, 2), "survey not back")
    assert any(
        "Holding reply sent on Fri 23 Jan 2026" in n and "Mon 2 Feb 2026" in n
        for n in explain(held).notes
    )
    stopped = c.stop(clock, date(2026, 1, 14), "consent", awaiting="consent")
    ledger = explain(stopped)
    assert any("stopped" in n.lower() for n in ledger.notes)
    assert "still waiting" in _day(ledger, date(2026, 1, 15)).reason


def test_ledger_json_has_the_promised_fields():
    data = json.loads(
        json.dumps(explain(c.start_clock(DEFAULT, "foi", date(2026, 4, 3))).as_dict())
    )
    assert data["due"] == "2026-05-05" and data["day_one"] == "2026-04-07"
    assert {"date", "counted", "reason"} <= set(data["days"][0])
    assert data["days"][0] == {
        "date": "2026-04-04",
        "weekday": "Saturday",
        "counted": False,
        "day": None,
        "reason": "Saturday: weekend",
    }
    text = "\n".join(explain(c.start_clock(DEFAULT, "foi", date(2026, 4, 3))).lines())
    assert "due Tue 5 May 2026" in text and "Counted 20 of 20 working days." in text


def test_a_late_service_extension_is_a_promise_the_count_leaves_out():
    """A service-level extension asked after the deadline keeps the due date (the deadline
    was missed) and promises a new one: the ledger counts to the due date, not past it."""
    clock = c.start_clock(DEFAULT, "respond", date(2026, 1, 5), case_kind="member_enquiry")
    due = clock.due
    late = c.extend(
        clock, DEFAULT, working_days=3, reason="the service is short of staff", on=date(2026, 2, 2)
    )
    assert late.due == due and late.late and late.promised > due
    ledger = explain(late)
    assert ledger.due == due
    assert ledger.counted == ledger.length == clock.spec.length
    on_time = c.extend(clock, DEFAULT, working_days=3, reason="a site visit", on=date(2026, 1, 6))
    assert explain(on_time).counted == explain(on_time).length == clock.spec.length + 3


def test_days_before_the_acknowledgement_say_the_count_starts_there():
    clock = c.start_clock(
        DEFAULT, "respond", date(2026, 6, 1), case_kind="complaint", acknowledged=date(2026, 6, 3)
    )
    ledger = explain(clock)
    before = _day(ledger, date(2026, 6, 2))
    assert not before.counted
    assert before.reason == (
        "before the acknowledgement: the response is counted from the acknowledgement"
    )
    sent = _day(ledger, date(2026, 6, 3))
    assert sent.reason == "acknowledgement sent: the response is counted from here, day 1 is next"


def test_a_ledger_day_cannot_be_changed_after_it_is_explained():
    import dataclasses

    import pytest

    ledger = explain(c.start_clock(DEFAULT, "foi", date(2026, 4, 3)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ledger.days[0].counted = True  # type: ignore[misc]
