"""Names compared by meaning: invisible and look-alike differences do not make two people."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.inputs.names import CONFUSABLES, name_key, same_name

SAME = [
    ("Jo Smith", "JO  SMITH"),
    ("Jo Smith", "Jo\u00a0Smith"),  # non-breaking space
    ("Jo Smith", "Jo Sm\u200bith"),  # zero-width space
    ("Jo Smith", "\ufeffJo Smith\u200d"),
    ("Jo Smith", "Ｊｏ Ｓｍｉｔｈ"),  # full-width
    ("José Núñez", unicodedata.normalize("NFD", "José Núñez")),
    ("Jo Smith", "Jо Smith"),  # Cyrillic o
    ("Anna Cole", "Аnnа Соlе"),  # Cyrillic A, a, C, o, e
    ("PAUL", "ΡΑUL"),  # Greek Rho and Alpha
    ("Strasse", "STRASSE"),
    ("Straße", "STRASSE"),  # case folding
    ("Siân O'Brien", "Siân O\u2019Brien"),
    ("Mary-Jane", "Mary\u2010Jane"),
    ("  Jo   Smith ", "Jo Smith"),
]
DIFFERENT = [("Jo Smith", "Jo Smyth"), ("Ann Lee", "Anne Lee"), ("Jo Smith", ""), ("", "")]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_the_same_name_however_it_is_written(a, b):
    assert same_name(a, b) and same_name(b, a)
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_stay_different(a, b):
    assert not same_name(a, b)


def test_non_text_has_an_empty_key():
    assert name_key(None) == "" and not same_name(None, None)  # type: ignore[arg-type]


names = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Zs"), max_codepoint=0x2FF), max_size=30
)
invisible = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])


@settings(max_examples=300, deadline=None)
@given(names)
def test_key_is_idempotent(name):
    assert name_key(name_key(name)) == name_key(name)


@settings(max_examples=300, deadline=None)
@given(names, st.data())
def test_spacing_case_and_invisible_characters_never_matter(name, data):
    variant = name.upper() if data.draw(st.booleans()) else name.lower()
    variant = variant.replace(" ", data.draw(st.sampled_from([" ", "  ", "\u00a0", "\u2003"])))
    at = data.draw(st.integers(0, len(variant)))
    variant = variant[:at] + data.draw(invisible) + variant[at:]
    assert name_key(variant) == name_key(name.lower()) == name_key(name.upper())


@settings(max_examples=300, deadline=None)
@given(st.text("abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20))
def test_look_alikes_read_as_latin(name):
    latin_to_other = {}
    for other, latin in CONFUSABLES.items():
        if latin.isalpha() and other.isalpha():
            latin_to_other.setdefault(latin, other)
    disguised = "".join(latin_to_other.get(ch, ch) for ch in name)
    full_width = "".join(chr(ord(ch) + 0xFEE0) if ch != " " else ch for ch in name)
    assert name_key(disguised) == name_key(name) == name_key(full_width)


@settings(max_examples=300, deadline=None)
@given(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12), st.data())
def test_a_changed_letter_is_a_different_name(name, data):
    at = data.draw(st.integers(0, len(name) - 1))
    other = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz").filter(lambda c: c != name[at]))
    assert not same_name(name, name[:at] + other + name[at + 1 :])
