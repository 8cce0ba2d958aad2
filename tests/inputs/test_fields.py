"""The checks on what a learner types: a clean value or a CasekitError naming the field."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit import inputs
from casekit.errors import CasekitError

ANYTHING = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.binary()
    | (st.lists(st.text(max_size=5), max_size=3))
    | st.dates()
    | st.datetimes()
)


@settings(max_examples=150, deadline=None)
@given(value=ANYTHING, required=st.booleans(), limit=st.integers(min_value=1, max_value=50))
def test_text_is_clean_text_or_a_named_error(value, required, limit):
    try:
        out = inputs.text(value, "summary", required=required, limit=limit)
    except CasekitError as err:
        assert err.field == "summary" and "summary" in err.message
    else:
        assert isinstance(out, str) and out == out.strip() and len(out) <= limit
        assert "\x00" not in out and (out or not required)


@settings(max_examples=100, deadline=None)
@given(value=ANYTHING | st.sampled_from(["email", "phone", ""]))
def test_choice_is_one_of_the_keys_or_a_named_error(value):
    options = {"email": "Email", "phone": "Phone"}
    try:
        out = inputs.choice(value, "channel", options)
    except CasekitError as err:
        assert err.field == "channel"
    else:
        assert out in options


@settings(max_examples=100, deadline=None)
@given(value=ANYTHING)
def test_dates_parse_or_name_the_field(value):
    for check in (inputs.as_day, inputs.as_datetime):
        try:
            out = check(value, "new date")
        except CasekitError as err:
            assert err.field == "new date"
        else:
            assert isinstance(out, date)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-01-07", date(2026, 1, 7)), (datetime(2026, 1, 7, 15, 0), date(2026, 1, 7))],
)
def test_as_day(value, expected):
    assert inputs.as_day(value, "d") == expected


def test_a_bare_date_is_nine_in_the_morning():
    assert inputs.as_datetime(date(2026, 1, 7), "d") == datetime(2026, 1, 7, 9, 0)


def test_empty_choice_asks_the_learner_to_choose():
    with pytest.raises(CasekitError, match="Choose the category"):
        inputs.choice("", "category", {"housing": "Housing"})
