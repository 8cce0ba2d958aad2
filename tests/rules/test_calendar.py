"""Working-day calendars on fixed dates, checked against the bank holidays of each nation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.rules.calendar import (
    WorkingCalendar,
    add_months,
    calendar_for,
    calendar_named,
)
from casekit.rules.profile import load_profile

ENG = calendar_named("ENG")
SCT = calendar_named("SCT")
UK = calendar_named("UK")


def test_tenth_working_day_over_christmas_in_england():
    # casework-rules.md section 3: received Fri 19 Dec 2025 -> 10th WD is Wed 7 Jan 2026.
    assert ENG.add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 7)


def test_foi_twentieth_working_day_counts_every_nation():
    # FOIA s10(6): Scotland's 2 January holiday also stops the FOI clock.
    received = date(2025, 12, 19)
    assert UK.add_working_days(received, 20) == date(2026, 1, 22)
    assert ENG.add_working_days(received, 20) == date(2026, 1, 21)
    assert UK.holiday_name(date(2026, 1, 2)) == "New Year Holiday (SCT)"
    assert ENG.holiday_name(date(2026, 1, 2)) is None


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 4, 6), "Easter Monday"),
        (date(2026, 8, 31), "Late Summer Bank Holiday"),
        (date(2025, 4, 21), "Easter Monday"),
        (date(2025, 8, 25), "Late Summer Bank Holiday"),
        (date(2026, 4, 3), "Good Friday"),
        (date(2026, 12, 28), "Boxing Day (observed)"),
    ],
)
def test_english_bank_holidays_are_not_working_days(day, name):
    assert not ENG.is_working_day(day)
    assert ENG.holiday_name(day) == name


def test_scotland_substitutes_st_andrews_day_and_keeps_easter_monday():
    # 30 Nov 2025 is a Sunday: Scotland takes Monday 1 December instead.
    assert SCT.holiday_name(date(2025, 11, 30)) == "Saint Andrew's Day"
    assert not SCT.is_working_day(date(2025, 12, 1))
    assert SCT.holiday_name(date(2025, 12, 1)) == "Saint Andrew's Day (observed)"
    assert ENG.is_working_day(date(2025, 12, 1))
    assert SCT.is_working_day(date(2026, 4, 6))  # no Easter Monday in Scotland
    assert not SCT.is_working_day(
        date(2026, 8, 3)
    )  # Scotland's summer holiday is in August's first week


def test_uk_calendar_is_the_union_of_the_four_nations():
    for code in ("ENG", "NIR", "SCT", "WLS"):
        nation = calendar_named(code)
        day = date(2025, 1, 1)
        while day < date(2027, 1, 1):
            if not nation.is_working_day(day):
                assert not UK.is_working_day(day), (code, day)
            day += timedelta(days=1)
    assert UK.holiday_name(date(2026, 7, 13)) == "Battle of the Boyne (observed) (NIR)"
    assert UK.holiday_name(date(2025, 12, 25)) == "Christmas Day"


def test_weekends_and_simple_steps():
    friday, saturday, monday = date(2026, 1, 9), date(2026, 1, 10), date(2026, 1, 12)
    assert ENG.is_working_day(friday)
    assert not ENG.is_working_day(saturday)
    assert ENG.next_working_day(friday) == monday
    assert ENG.next_working_day(saturday) == monday
    assert ENG.roll_forward(saturday) == monday
    assert ENG.roll_forward(friday) == friday
    assert ENG.add_working_days(saturday, 0) == saturday
    assert ENG.add_working_days(monday, -1) == friday
    assert ENG.working_days_between(friday, monday) == 1
    assert ENG.working_days_between(monday, friday) == -1
    assert ENG.working_days_between(saturday, date(2026, 1, 11)) == 0


def test_a_datetime_counts_by_its_date():
    assert ENG.add_working_days(datetime(2025, 12, 19, 23, 59), 10) == date(2026, 1, 7)
    assert ENG.is_working_day(datetime(2026, 1, 9, 8, 0))


def test_dates_outside_the_calendar_are_refused():
    with pytest.raises(CasekitError, match="outside the working-day calendar") as err:
        ENG.is_working_day(date(2040, 1, 2))
    assert err.value.rule == "calendar-range"
    with pytest.raises(CasekitError, match="runs past"):
        ENG.add_working_days(date(2035, 12, 20), 30)
    small = WorkingCalendar("ENG", years=[2026])
    with pytest.raises(CasekitError):
        small.is_working_day(date(2025, 12, 31))


def test_unknown_subdivision_is_refused_and_never_defaults_to_uk_wide():
    with pytest.raises(CasekitError, match="Unknown UK subdivision") as err:
        WorkingCalendar("XYZ")
    assert err.value.field == "calendar.subdivision"
    with pytest.raises(CasekitError):
        WorkingCalendar(None)


def test_calendar_for_profile_is_shared():
    profile = load_profile("default")
    assert calendar_for(profile) is calendar_named("ENG")
    assert calendar_for(profile, "UK") is UK
    assert calendar_for(load_profile("five-day")).code == "SCT"
    with pytest.raises(CasekitError):
        calendar_for(profile, "Wales")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2025, 11, 30), 1, date(2025, 12, 30)),
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
    ],
)
def test_add_months_matches_the_date_or_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def _slow_add(calendar: WorkingCalendar, day: date, n: int) -> date:
    """The obvious day-by-day loop, to check the binary search against."""
    while n:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


days = st.dates(min_value=date(2021, 1, 1), max_value=date(2033, 12, 31))
calendars = st.sampled_from(["ENG", "NIR", "SCT", "WLS", "UK"]).map(calendar_named)


@settings(max_examples=300, deadline=None)
@given(calendar=calendars, day=days, n=st.integers(min_value=1, max_value=80))
def test_add_working_days_properties(calendar, day, n):
    due = calendar.add_working_days(day, n)
    assert due > day
    assert calendar.is_working_day(due)
    assert calendar.working_days_between(day, due) == n
    assert due == _slow_add(calendar, day, n)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, day=days, a=st.integers(0, 40), b=st.integers(0, 40))
def test_working_days_compose_and_between_is_antisymmetric(calendar, day, a, b):
    first = calendar.add_working_days(day, a)
    if a:
        assert calendar.add_working_days(first, b) == calendar.add_working_days(day, a + b)
    other = day + timedelta(days=b * 3)
    assert calendar.working_days_between(day, other) == -calendar.working_days_between(other, day)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, day=days, n=st.integers(min_value=1, max_value=40))
def test_counting_back_lands_on_a_working_day_before(calendar, day, n):
    earlier = calendar.add_working_days(day, -n)
    assert earlier < day
    assert calendar.is_working_day(earlier)
    assert calendar.working_days_between(earlier, calendar.roll_forward(day)) == n


# -- the bank holidays come from a table generated from the holidays package ----------------
def test_the_shipped_holiday_table_is_what_the_holidays_package_says():
    import holidays

    from casekit.rules import bank_holidays as table
    from casekit.rules.calendar import holiday_table_source

    years = list(range(table.FIRST_YEAR, table.LAST_YEAR + 1))
    for subdiv, days in table.HOLIDAYS.items():
        expected = holidays.country_holidays("GB", subdiv=subdiv, years=years)
        assert days == {d.isoformat(): n for d, n in sorted(expected.items())}, subdiv
    shipped = Path(table.__file__).read_text(encoding="utf-8")
    assert shipped == holiday_table_source(), "run: python -m casekit.rules.calendar"


def test_years_outside_the_table_ask_the_package():
    from casekit.rules import bank_holidays as table
    from casekit.rules.calendar import bank_holidays

    inside = bank_holidays("SCT", [2026])
    assert inside[date(2026, 1, 2)] == "New Year Holiday"
    outside = bank_holidays("ENG", [table.FIRST_YEAR - 1, table.FIRST_YEAR])
    assert outside[date(table.FIRST_YEAR - 1, 12, 25)] == "Christmas Day"
    old = WorkingCalendar("ENG", years=[2019])
    assert not old.is_working_day(date(2019, 4, 22))  # Easter Monday 2019


def test_opening_a_calendar_does_not_import_the_holidays_package():
    import subprocess
    import sys

    probe = (
        "import sys\nfrom casekit.rules.calendar import calendar_named\n"
        "calendar_named('UK').add_working_days(__import__('datetime').date(2026, 1, 5), 20)\n"
        "print('holidays' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


# ------------------------------------------------------- the first and last supported days

SMALL = WorkingCalendar("ENG", years=[2026])  # Fri 2 Jan to Thu 31 Dec 2026 are working


def test_the_first_and_last_days_of_the_calendar_are_inside_it() -> None:
    assert SMALL.is_working_day(date(2026, 1, 1)) is False  # New Year's Day, not refused
    assert SMALL.is_working_day(date(2026, 1, 2))
    assert SMALL.is_working_day(date(2026, 12, 31))
    assert SMALL.add_working_days(date(2026, 1, 1), 1) == date(2026, 1, 2)
    assert SMALL.add_working_days(date(2026, 12, 30), 1) == date(2026, 12, 31)
    assert SMALL.add_working_days(date(2026, 1, 5), -1) == date(2026, 1, 2)
    assert (
        SMALL.working_days_between(date(2026, 1, 1), date(2026, 12, 31)) == 253
    )  # 261 weekdays less 8 bank holidays


@pytest.mark.parametrize(
    ("day", "n"),
    [
        (date(2026, 12, 31), 1),  # one past the last working day
        (date(2026, 12, 24), 10),
        (date(2026, 1, 2), -1),  # one before the first working day
        (date(2026, 1, 1), -1),
    ],
)
def test_counting_past_either_end_is_the_calendar_range_error(day: date, n: int) -> None:
    """Never an IndexError, nor a day taken from the other end of the list."""
    with pytest.raises(CasekitError, match="runs past the working-day calendar") as err:
        SMALL.add_working_days(day, n)
    assert (err.value.rule, err.value.field) == ("calendar-range", "date")
    assert err.value.source == "holidays package, country GB"
    assert "more years" in (err.value.advice or "")


def test_a_date_outside_names_the_field_it_came_from() -> None:
    with pytest.raises(CasekitError) as err:
        SMALL.working_days_between(date(2025, 12, 31), date(2026, 1, 5))
    assert (err.value.rule, err.value.field) == ("calendar-range", "start")
    with pytest.raises(CasekitError) as err:
        SMALL.working_days_between(date(2026, 1, 5), date(2027, 1, 1))
    assert (err.value.rule, err.value.field) == ("calendar-range", "end")
    assert "2026-01-01 to 2026-12-31" in err.value.message


def test_a_calendar_says_which_nation_and_years_it_covers() -> None:
    assert repr(SMALL) == "WorkingCalendar('ENG', years=2026-2026)"
    assert (
        repr(WorkingCalendar("SCT", years=[2025, 2027]))
        == "WorkingCalendar('SCT', years=2025-2027)"
    )
    with pytest.raises(CasekitError, match="at least one year") as err:
        WorkingCalendar("ENG", years=[])
    assert err.value.field == "years"


def test_refused_calendars_cite_their_rule() -> None:
    with pytest.raises(CasekitError) as err:
        WorkingCalendar("XYZ")
    assert (err.value.rule, err.value.source) == (
        "calendar-subdivision",
        "holidays package, country GB",
    )
    with pytest.raises(CasekitError, match="Unknown calendar") as err:
        calendar_for(load_profile("default"), "wales")
    assert (err.value.rule, err.value.field) == ("calendar-subdivision", "calendar")


def test_nations_keeping_a_local_holiday_are_named() -> None:
    st_patrick = date(2026, 3, 17)
    assert UK.holiday_nations(st_patrick) == [("Saint Patrick's Day", ("NIR",))]
    assert UK.holiday_name(st_patrick) == "Saint Patrick's Day (NIR)"
    assert UK.holiday_name(date(2026, 12, 25)) == "Christmas Day"  # everywhere: no nations
    assert ENG.holiday_nations(date(2026, 3, 18)) == []
