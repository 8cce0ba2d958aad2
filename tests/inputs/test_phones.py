"""UK phone numbers: every common written form accepted, nonsense refused, all found in text,
in linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit import inputs
from casekit.errors import CasekitError
from casekit.inputs.phones import (
    PhoneFinder,
    find,
    is_uk_phone,
    layout,
    normalise,
    parse,
    same_number,
)

FORMS = {
    "0113 496 0155": "0113 496 0155",
    "(0113) 496 0155": "0113 496 0155",
    "(0113) 4960155": "0113 496 0155",
    "+44 (0)113 496 0155": "0113 496 0155",
    "+44(0)1134960155": "0113 496 0155",
    "+44 113 496 0155": "0113 496 0155",
    "0044 113 496 0155": "0113 496 0155",
    "0113-496-0155": "0113 496 0155",
    "07700 900123": "07700 900123",
    "+447700900123": "07700 900123",
    "01632 960123": "01632 960123",
    "(01632) 960123": "01632 960123",
    "020 7946 0123": "020 7946 0123",
    "(020) 7946 0123": "020 7946 0123",
    "0300 123 4567": "0300 123 4567",
    "0800 123456": "0800 123456",
    "01632 96012": "01632 96012",  # a five-digit area code with a five-digit number
    "028 9018 012": "02890 18012",  # Faker's ten-digit drama-range layout
}
NONSENSE = [
    "0----------",
    "0113 496 015",  # one digit short for Leeds
    "0113 496 01555",
    "0113 496 015S",
    "07700 90012",
    "0400 123 4567",  # 04 is not in use
    "phone me",
    "",
    "+1 212 555 0100",
    "(0113 496 0155",
    "0113  496  0155",  # two separators in a row
    "113 496 0155",
]


@pytest.mark.parametrize(("written", "normal"), FORMS.items())
def test_common_written_forms_are_accepted_and_normalised(written, normal):
    assert normalise(written) == normal
    assert parse(written, "phone") == normal
    assert inputs.UK_PHONE.match(written)


@pytest.mark.parametrize("text", NONSENSE)
def test_nonsense_is_refused_naming_the_field(text):
    assert normalise(text) is None and not inputs.UK_PHONE.match(text)
    with pytest.raises(CasekitError) as err:
        parse(text, "constituent phone")
    assert err.value.field == "constituent phone"


def test_numbers_are_found_in_every_form():
    text = (
        "Ring (0113) 496 0155 or +44 (0)113 496 0156; mobile 07700 900123, "
        "London 020-7946-0123. Not REF01134960155 nor 0113 496 015."
    )
    assert [m.number for m in find(text)] == [
        "0113 496 0155",
        "0113 496 0156",
        "07700 900123",
        "020 7946 0123",
    ]
    first = find(text)[0]
    assert text[first.start : first.end] == "(0113) 496 0155" == first.text


def test_same_number_compares_meaning():
    assert same_number("+44 (0)113 496 0155", "0113-496-0155")
    assert not same_number("0113 496 0155", "0113 496 0156")
    assert not same_number("nonsense", "nonsense")


def test_the_finder_substitutes_like_a_regex():
    finder = PhoneFinder()
    text = "call (0113) 496 0155 or 07700 900123"
    assert finder.sub(lambda m: "[phone]", text) == "call [phone] or [phone]"
    assert [m.group(0) for m in finder.finditer(text)] == ["(0113) 496 0155", "07700 900123"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_normalise_is_idempotent_and_agrees_with_parse(text):
    normal = normalise(text)
    if normal is None:
        assert not is_uk_phone(text)
        with pytest.raises(CasekitError):
            parse(text)
    else:
        assert normalise(normal) == normal == parse(text)


digits = st.text("0123456789", min_size=9, max_size=10).filter(lambda d: d[0] != "0")


@settings(max_examples=300, deadline=None)
@given(rest=digits, prefix=st.sampled_from(["0", "+44 ", "+44 (0)", "0044 "]))
def test_written_forms_of_one_number_agree(rest, prefix):
    national = "0" + rest
    normal = normalise(national)
    assert normalise(prefix + rest) == normal
    if normal is not None:
        assert normal.replace(" ", "") == national
        assert layout(national) == normal
        # found in text, whatever surrounds it
        assert [m.number for m in find(f"Call {prefix}{rest}, thanks")] == [normal]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_found_numbers_are_numbers(text):
    for hit in find(text):
        assert text[hit.start : hit.end] == hit.text
        assert normalise(hit.text) == hit.number


def test_finding_is_linear_on_adversarial_text():
    """Ten times the text costs about ten times as much: a pattern that backtracks would
    cost a hundred times (and never finish on a megabyte)."""
    shapes = ["0", "0 ", "+44 ", "(0", "01", "0-", "0113 496 015 "]

    def per_char(size: int) -> float:
        texts = [(shape * (size // len(shape) + 1))[:size] for shape in shapes]
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for text in texts:
                find(text)
            best = min(best, time.perf_counter() - start)
        return best / size

    per_char(1_000)
    assert per_char(200_000) < per_char(20_000) * 5
