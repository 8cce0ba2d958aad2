"""Dates as people type them: ISO and UK forms, impossible dates named, offsets to UK time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.inputs.dates import (
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
    parse_time,
    stored_day,
    to_uk_local,
    why_not_a_day,
)

WED = date(2026, 1, 7)


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-07",
        " 2026-1-7 ",
        "07/01/2026",
        "7/1/2026",
        "07-01-2026",
        "07.01.2026",
        "7 Jan 2026",
        "7 January 2026",
        "7th Jan 2026",
        "Wed 7 Jan 2026",
        "Wednesday, 7 January 2026",
        "wed 7 jan. 2026",
        "20260107",
    ],
)
def test_the_ways_people_write_a_date(text):
    assert parse_date(text, "received") == WED


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("30/02/2026", "February 2026 has 28 days, so there is no day 30"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("29 Feb 2025", "February 2025 has 28 days"),
        ("31/04/2026", "April 2026 has 30 days"),
        ("07/13/2026", "there is no month 13"),
        ("7/1/26", "give the year in full"),
        ("7 Smarch 2026", "'Smarch' is not the name of a month"),
        ("Tue 7 Jan 2026", "is a Wednesday, not a Tuesday"),
        ("someday", "is not a date"),
        ("", "is not a date"),
        ("2026-01-07" * 20, "is not a date"),
    ],
)
def test_impossible_and_unreadable_dates_name_the_field(text, words):
    with pytest.raises(CasekitError) as err:
        parse_date(text, "received")
    assert err.value.field == "received"
    assert words in err.value.message and err.value.message.startswith("received ")


def test_leap_day_is_a_date():
    assert parse_date("29/02/2028") == date(2028, 2, 29)
    assert why_not_a_day(2028, 2, 29) is None and why_not_a_day(2026, 2, 29)


def test_date_objects_pass_through():
    assert parse_date(datetime(2026, 1, 7, 15, 0)) == WED
    assert parse_date(WED) is WED
    with pytest.raises(CasekitError):
        parse_date(20260107, "n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-07T09:30", datetime(2026, 1, 7, 9, 30)),
        ("2026-01-07 09:30:15", datetime(2026, 1, 7, 9, 30, 15)),
        ("07/01/2026 09:30", datetime(2026, 1, 7, 9, 30)),
        ("7 Jan 2026, 2pm", datetime(2026, 1, 7, 14, 0)),
        ("7 Jan 2026 at 12.15am", datetime(2026, 1, 7, 0, 15)),
        ("07/01/2026", datetime(2026, 1, 7, 9, 0)),  # a date alone: the working day's start
        # Offsets become UK local time: GMT in winter, BST in summer.
        ("2026-01-05T09:00+05:00", datetime(2026, 1, 5, 4, 0)),
        ("2026-07-07T09:30Z", datetime(2026, 7, 7, 10, 30)),
        ("2026-07-07T09:30+0100", datetime(2026, 7, 7, 9, 30)),
    ],
)
def test_dates_with_times(text, expected):
    assert parse_datetime(text, "when") == expected


@pytest.mark.parametrize("text", ["2026-01-07 25:00", "07/01/2026 13pm", "7 Jan 2026 9:61"])
def test_impossible_times_are_refused(text):
    with pytest.raises(CasekitError) as err:
        parse_datetime(text, "when")
    assert err.value.field == "when" and text in err.value.message


def test_time_of_day():
    assert parse_time("9.30") == time(9, 30)
    assert parse_time("12pm") == time(12, 0)
    with pytest.raises(CasekitError):
        parse_time("9")


def test_aware_datetimes_become_naive_uk_time():
    aware = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    assert to_uk_local(aware) == datetime(2026, 6, 1, 9, 0)
    assert parse_datetime(aware) == datetime(2026, 6, 1, 9, 0)
    naive = datetime(2026, 6, 1, 8, 0)
    assert to_uk_local(naive) is naive


def test_formatting_is_english_whatever_the_locale():
    assert format_date(WED) == "Wed 7 Jan 2026"
    assert format_date(WED, long=True) == "Wednesday 7 January 2026"
    assert format_datetime(datetime(2026, 1, 7, 9, 5)) == "Wed 7 Jan 2026, 09:05"
    assert stored_day("2026-01-07T09:30") == WED and stored_day(WED) == WED


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_date_reads_back_in_every_form(day):
    for text in (
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year:04d}",
        format_date(day),
        format_date(day, long=True),
    ):
        assert parse_date(text) == day


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 1, 1)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_offsets_give_the_same_instant_in_uk_time(moment, minutes):
    moment = moment.replace(second=0, microsecond=0)
    zone = timezone(timedelta(minutes=minutes))
    aware = moment.replace(tzinfo=zone)
    text = aware.isoformat(timespec="minutes")
    local = parse_datetime(text)
    assert local.tzinfo is None
    from casekit.inputs.dates import uk_zone

    assert local.replace(tzinfo=uk_zone()).astimezone(UTC) == aware.astimezone(UTC) or (
        # in the hour the clocks go back, a naive UK time names two instants
        local.replace(tzinfo=uk_zone(), fold=1).astimezone(UTC) == aware.astimezone(UTC)
    )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.integers() | st.none() | st.floats())
def test_anything_parses_or_names_the_field(value):
    for parse in (parse_date, parse_datetime):
        try:
            out = parse(value, "field x")
        except CasekitError as err:
            assert err.field == "field x"
        else:
            assert isinstance(out, date)
