"""The word keys: every form of a word the checks look for gives the same key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.drafting.lemmas import lemma, phrase_lemmas

FAMILIES = [
    ("conviction", "convictions"),
    ("election", "elections"),
    ("deliver", "delivered", "delivering", "delivers"),
    ("promise", "promised", "promises", "promising"),
    ("vote", "voted", "votes", "voting"),
    ("cut", "cuts", "cutting"),
    ("run", "ran", "running", "runs"),
    ("win", "won", "winning", "wins"),
    ("keep", "kept", "keeping"),
    ("party", "parties"),
    ("family", "families"),
    ("child", "children"),
    ("agree", "agreed", "agrees"),
    ("need", "needs", "needed"),
    ("slash", "slashed", "slashes"),
    ("make", "made", "making", "makes"),
    ("say", "said", "says"),
    ("lead", "led", "leads"),
    ("tell", "told"),
    ("sit", "sat", "sitting"),
    ("Conservative", "Conservatives"),
    ("Tory", "Tories"),
    ("Labour", "Labour's"),
    ("arrest", "arrested"),
    ("leave", "left"),
]


@pytest.mark.parametrize("forms", FAMILIES, ids=lambda f: f[0])
def test_every_form_of_a_word_has_its_key(forms: tuple[str, ...]) -> None:
    assert {lemma(f) for f in forms} == {lemma(forms[0])}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("news", "new"),  # not a plural
        ("housing", "house"),  # the service, not a verb form
        ("always", "alway"),
        ("status", "statu"),
        ("dialysis", "dialysi"),
        ("labour", "labourer"),
        ("party", "part"),
    ],
)
def test_words_that_only_look_inflected_keep_their_meaning(a: str, b: str) -> None:
    assert lemma(a) != lemma(b)


def test_keys_ignore_case_and_curly_apostrophes() -> None:
    assert lemma("LABOUR") == lemma("labour")
    assert lemma("Labour’s") == lemma("Labour's") == lemma("labour")
    assert phrase_lemmas("previous  convictions") == (lemma("previous"), lemma("conviction"))


@given(st.text(max_size=40))
def test_any_text_gives_a_lower_case_key_without_error(word: str) -> None:
    key = lemma(word)
    assert isinstance(key, str)
    assert key == key.lower() or not key.isalpha()
