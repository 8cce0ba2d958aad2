"""Tokens, sentences and offsets: the ground every meaning check stands on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casekit.drafting.text import Index, analyse, line_start, sentences, tokenize


def words(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.key) for t in tokenize(text)]


def test_contractions_are_split_into_the_words_they_stand_for() -> None:
    assert [k for _, k in words("We've delivered it")] == ["we", "hav", "deliver", "it"]
    assert [k for _, k in words("I can't say")] == ["i", "can", "not", "say"]
    assert [k for _, k in words("it won't")] == ["it", "will", "not"]
    assert [k for _, k in words("She's pregnant")][:2] == ["she", "be"]


def test_a_possessive_is_folded_into_its_word() -> None:
    toks = tokenize("Labour's investment and your neighbour’s son")
    assert [(t.text, t.possessive) for t in toks if t.possessive] == [
        ("Labour", True),
        ("neighbour", True),
    ]


def test_sentences_end_at_stops_and_at_short_lines_but_not_inside_numbers() -> None:
    text = (
        "Dear Mr Nguyen,\n\nIt is 0.74 miles from www.x.gov.uk to Mr. Smith's house. He will "
        "call.\nThis long paragraph was wrapped by an editor at a fixed width so it carries\n"
        "on here. The end"
    )
    found = [text[s.start : s.end] for s in sentences(text)]
    assert found == [
        "Dear Mr Nguyen,",
        "It is 0.74 miles from www.x.gov.uk to Mr. Smith's house.",
        "He will call.",
        "This long paragraph was wrapped by an editor at a fixed width so it carries\non here.",
        "The end",
    ]


def test_the_index_finds_the_sentence_and_tokens_at_an_offset() -> None:
    text = "First one. Call 0116 496 0212 today."
    _, sents = analyse(text)
    index = Index(sents)
    k, first, last = index.locate(text.index("0116"), text.index(" today"))
    assert k == 1
    assert [t.text for t in sents[k].tokens[first : last + 1]] == ["0116", "496", "0212"]
    assert line_start("a\nbc\nd", 3) == 2


@given(st.text(max_size=300))
def test_tokens_and_sentences_always_point_at_the_text(text: str) -> None:
    toks, sents = analyse(text)
    for t in toks:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
    for s in sents:
        assert text[s.start : s.end].startswith(s.tokens[0].text)
    assert sum(len(s.tokens) for s in sents) == len(toks)
