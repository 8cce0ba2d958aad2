"""The syllable counter and the Flesch reading-ease figure, on words and sentences counted
by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.drafting.readability import count_syllables, flesch_reading_ease, sentence_count

SYLLABLES = [
    ("cat", 1),
    ("the", 1),
    ("make", 1),
    ("hoped", 1),
    ("asked", 1),
    ("whole", 1),
    ("makes", 1),
    ("queue", 1),
    ("fire", 1),
    ("thanks", 1),
    ("field", 1),
    ("piece", 1),
    ("table", 2),
    ("little", 2),
    ("people", 2),
    ("houses", 2),
    ("wanted", 2),
    ("needed", 2),
    ("lately", 2),
    ("create", 2),
    ("being", 2),
    ("quiet", 2),
    ("player", 2),
    ("council", 2),
    ("repairs", 2),
    ("question", 2),
    ("colleague", 2),
    ("nation", 2),
    ("beautiful", 3),
    ("syllable", 3),
    ("created", 3),
    ("councillor", 3),
    ("enquiry", 3),
    ("radio", 3),
    ("idea", 3),
    ("area", 3),
    ("reference", 3),
    ("officer", 3),
    ("surveyor", 3),
    ("Wednesday", 3),
    ("sincerely", 3),
    ("situation", 4),
    ("appreciate", 4),
    ("application", 4),
    ("anxiety", 4),
    ("readability", 5),
    ("immediately", 5),
]


@pytest.mark.parametrize(("word", "expected"), SYLLABLES)
def test_count_syllables_on_known_words(word: str, expected: int) -> None:
    assert count_syllables(word) == expected


def test_count_syllables_ignores_case_and_punctuation() -> None:
    assert count_syllables("Beautiful,") == 3
    assert count_syllables("") == 0
    assert count_syllables("123") == 0


def test_flesch_on_the_textbook_sentence() -> None:
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145
    assert flesch_reading_ease("The cat sat on the mat.") == 116.1


def test_flesch_on_a_counted_passage() -> None:
    text = "The surveyor will visit on Friday. She will look at the damp."
    # words 12, sentences 2, syllables: the1 sur-vey-or3 will1 vis-it2 on1 Fri-day2
    # she1 will1 look1 at1 the1 damp1 = 16
    expected = 206.835 - 1.015 * (12 / 2) - 84.6 * (16 / 12)
    assert flesch_reading_ease(text) == round(expected, 1)


def test_hard_text_scores_lower_than_plain_text() -> None:
    plain = "We will fix the pipe next week. Then the damp will dry out."
    hard = (
        "Remediation of the identified deficiencies necessitates comprehensive "
        "investigation by appropriately qualified organisational representatives."
    )
    assert flesch_reading_ease(plain) > 80 > 0 > flesch_reading_ease(hard)


def test_letter_lines_count_as_sentences() -> None:
    assert (
        sentence_count("Dear Mrs Patel,\n\nThank you. I will write again.\n\nYours sincerely") == 4
    )
    assert flesch_reading_ease("...\n12345") is None


@given(st.text())
def test_flesch_never_raises(text: str) -> None:
    score = flesch_reading_ease(text)
    assert score is None or isinstance(score, float)


@given(st.text(alphabet=st.characters(categories=["Ll", "Lu"]), min_size=1, max_size=30))
def test_every_word_with_an_ascii_letter_has_a_syllable(word: str) -> None:
    n = count_syllables(word)
    assert n >= (1 if any("a" <= c.lower() <= "z" for c in word) else 0)
