"""UK local dates: the Europe/London date of any timestamp, and dates typed day first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.inputs.dates import parse_when, uk_date, uk_datetime


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-06-30T23:30+00:00", date(2026, 7, 1)),  # BST: already 1 July in the UK
        ("2026-06-30T23:30Z", date(2026, 7, 1)),
        ("2026-12-31T23:30Z", date(2026, 12, 31)),  # GMT: the same day
        ("2026-06-30T23:30", date(2026, 6, 30)),  # no zone: UK time already
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), date(2026, 3, 29)),
        (date(2026, 1, 2), date(2026, 1, 2)),
    ],
)
def test_uk_date(value, expected):
    assert uk_date(value) == expected


def test_uk_datetime_of_a_bare_date_is_the_office_morning():
    assert uk_datetime(date(2026, 1, 2)) == datetime(2026, 1, 2, 9, 0)
    assert uk_datetime("2026-06-30T22:15Z") == datetime(2026, 6, 30, 23, 15)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("03/04/2026", date(2026, 4, 3)),  # day first, the UK way
        ("3/4/2026", date(2026, 4, 3)),
        ("03/04/2026 16:45", datetime(2026, 4, 3, 16, 45)),
        ("2026-04-03", date(2026, 4, 3)),
        ("2026-04-03T16:45", datetime(2026, 4, 3, 16, 45)),
        ("2026-06-30T23:30Z", datetime(2026, 7, 1, 0, 30)),
    ],
)
def test_parse_when_accepts_both_ways(typed, expected):
    assert parse_when(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2026", "04/03", "2026-13-01", "soon", "", None, 42])
def test_parse_when_refuses_what_is_not_a_date(typed):
    with pytest.raises(CasekitError) as err:
        parse_when(typed, "received")
    assert err.value.field == "received" and "07/01/2026" in (err.value.advice or "")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_both_ways_of_writing_a_day_read_back_the_same(day):
    assert parse_when(f"{day:%d/%m/%Y}") == day
    assert parse_when(day.isoformat()) == day


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)))
def test_a_utc_time_is_never_more_than_an_hour_behind_uk_time(moment):
    utc = moment.replace(tzinfo=UTC)
    local = uk_datetime(utc)
    assert timedelta(0) <= local - moment <= timedelta(hours=1)


def test_now_is_uk_time_whatever_the_machine_zone():
    from datetime import UTC

    from casekit.inputs.dates import uk_now, uk_today

    utc = datetime.now(UTC).replace(tzinfo=None)
    ahead = uk_now() - utc
    assert timedelta(0) <= ahead <= timedelta(hours=1, seconds=5)
    assert uk_today() in (uk_now().date(), (uk_now() - timedelta(seconds=5)).date())
