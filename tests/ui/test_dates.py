"""Dates typed the UK way: every form a UK learner writes is read, nothing is guessed, and
the date read back beside the box is the one typed."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.ui.controls import fmt_date
from casekit.ui.dates import DateField, parse_uk_date, parse_uk_datetime, uk_date
from tests.ui.support import status_text

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


@pytest.mark.parametrize(
    "typed",
    ["07/01/2026", "7/1/2026", "07-01-2026", "07.01.2026", "7 Jan 2026", "7 January 2026",
     "Wed 7 Jan 2026", "Wednesday, 7th January 2026", "2026-01-07", "  07/01/2026 "],
)  # fmt: skip
def test_the_ways_a_date_is_written(typed: str) -> None:
    assert parse_uk_date(typed, "Date") == date(2026, 1, 7)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("", "is empty"),
        ("31/02/2026", "February 2026 has 28 days, so there is no day 31"),
        ("07/01/26", "year in full"),
        ("7 Jam 2026", "'Jam' is not the name of a month"),
        ("Thu 7 Jan 2026", "is a Wednesday"),
        ("next Tuesday", "is not a date"),
        ("13/13/2026", "there is no month 13"),
        ("1" * 200, "is not a date"),
    ],
)
def test_what_is_not_a_date_is_refused_naming_the_field(typed: str, why: str) -> None:
    with pytest.raises(CasekitError) as caught:
        parse_uk_date(typed, "New date")
    assert why in caught.value.message and caught.value.field == "New date"


@given(DAYS)
def test_every_date_written_the_uk_way_reads_back(day: date) -> None:
    assert parse_uk_date(uk_date(day)) == day
    assert parse_uk_date(fmt_date(day)) == day  # as the forms show it
    assert parse_uk_date(f"{day.day}/{day.month}/{day.year:04d}") == day


@given(DAYS, st.integers(0, 23), st.integers(0, 59))
def test_a_date_and_time_read_back(day: date, hour: int, minute: int) -> None:
    moment = datetime(day.year, day.month, day.day, hour, minute)
    assert parse_uk_datetime(uk_date(moment, with_time=True)) == moment


@given(st.text(max_size=60))
def test_reading_never_fails_except_with_a_refusal(typed: str) -> None:
    try:
        found = parse_uk_datetime(typed, "Received")
    except CasekitError as err:
        assert err.field == "Received"
    else:
        assert isinstance(found, datetime)


def test_times_of_day() -> None:
    assert parse_uk_datetime("07/01/2026") == datetime(2026, 1, 7, 9, 0)  # the working day
    assert parse_uk_datetime("07/01/2026 14:30") == datetime(2026, 1, 7, 14, 30)
    assert parse_uk_datetime("7 Jan 2026 at 2.30pm") == datetime(2026, 1, 7, 14, 30)
    assert parse_uk_datetime("07/01/2026, 12am") == datetime(2026, 1, 7, 0, 0)
    for bad in ("07/01/2026 25:00", "07/01/2026 13pm", "07/01/2026 noonish"):
        with pytest.raises(CasekitError, match="not a time of day"):
            parse_uk_datetime(bad, "Received")


def test_the_field_reads_the_date_back_in_words_as_it_is_typed() -> None:
    field = DateField("New date they will hear by")
    assert field.value is None and field.text.placeholder == "DD/MM/YYYY"
    field.text.value = "20/01/2026"
    assert field.value == date(2026, 1, 20) and "Tue 20 Jan 2026" in field.echo.value
    field.text.value = "20/13/2026"
    assert field.value is None and "Not a date yet" in status_text(field.echo)
    with pytest.raises(CasekitError):
        field.read()
    field.value = date(2026, 2, 3)
    assert field.text.value == "03/02/2026"
    field.text.value = ""
    assert field.read(required=False) is None and field.echo.value == ""
