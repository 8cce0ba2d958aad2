"""The form helpers: dates as people read them, escaped tables, dropdown refills."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import ipywidgets as widgets
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.ui.controls import fmt_date, fmt_datetime, plural, set_options, table_html, text


def test_dates_read_as_people_write_them() -> None:
    assert fmt_date("2026-01-07") == "Wed 7 Jan 2026"
    assert fmt_date(date(2026, 1, 7)) == "Wed 7 Jan 2026"
    assert fmt_datetime("2026-01-07T09:30") == "Wed 7 Jan 2026, 09:30"
    assert fmt_date(None) == "" and fmt_date("") == ""
    assert fmt_date("not a date") == "not a date"  # shown as given, never a crash


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_date_round_trips(day: date) -> None:
    shown = fmt_date(day.isoformat())
    assert datetime.strptime(shown, "%a %d %b %Y").date() == day
    assert not shown.startswith("0") and " 0" not in shown[:7]


@given(st.text(max_size=40))
def test_fmt_date_never_fails(value: str) -> None:
    assert isinstance(fmt_date(value), str)


@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_table_cells_are_escaped(cells: list[str]) -> None:
    rows = [{"a": c} for c in cells]
    out = table_html(rows, [("a", "<b>A</b>")])
    tags = re.findall(r"<(/?[a-z]+)", out)
    assert set(tags) <= {
        "table",
        "/table",
        "thead",
        "/thead",
        "tbody",
        "/tbody",
        "tr",
        "/tr",
        "th",
        "/th",
        "td",
        "/td",
        "caption",
        "/caption",
    }
    body = html.unescape(re.sub(r"<[^>]+>", "\n", out))
    for c in cells:
        assert c in body


def test_plural() -> None:
    assert plural(1, "case") == "1 case"
    assert plural(0, "case") == "0 cases"
    assert plural(2, "enquiry", "enquiries") == "2 enquiries"


def test_set_options_keeps_the_choice_when_it_is_still_offered() -> None:
    control = widgets.Dropdown(options=[("A", "a"), ("B", "b")], value="b")
    assert set_options(control, [("A", "a"), ("B", "b"), ("C", "c")]) is False
    assert control.value == "b"
    assert set_options(control, [("C", "c"), ("A", "a")], prefer="a") is True
    assert control.value == "a"
    assert set_options(control, []) is True and control.value is None


def test_controls_are_labelled_plainly() -> None:
    field = text("Postcode")
    assert field.description == "Postcode" and field.description_allow_html is False
    assert field.style.description_width == "initial"


def test_numbers_are_checked_never_silently_corrected() -> None:
    from casekit.errors import CasekitError
    from casekit.ui.controls import number, whole_number

    days = number("Working days to advance", 1, low=1, high=20)
    for bad in (0, -3, 21):
        days.value = bad
        assert days.value == bad  # the box keeps what was typed
        with pytest.raises(CasekitError) as caught:
            whole_number(days)
        assert f"{bad} is not allowed" in caught.value.message
        assert caught.value.field == "Working days to advance"
    days.value = 5
    assert whole_number(days) == 5


def test_fields_fit_their_labels_and_values() -> None:
    from casekit.ui.controls import dropdown, number

    wide = dropdown("Statutory request found in the case", [("Environmental request", "e")])
    assert wide.layout.width == "100%" and "ch" in wide.layout.max_width
    months = number("Extend by (months, subject access only)", 0, low=0, high=3)
    assert months.layout.width == "100%"
    assert months.layout.max_width.startswith("max(16em, calc(")  # the label and the value fit
