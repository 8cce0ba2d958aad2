"""The pattern language's newer elements, both ways: exact forms, globs, a word not
followed, any capitalised word, alternations of families; and the mistakes it refuses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.drafting.patterns import compile_all, compile_pattern, families_of, find
from casekit.drafting.text import tokenize
from casekit.errors import CasekitError

FAMS = families_of(
    {"before": ["previous", "old"], "now": ["new", "current"], "loaded": ["lot", "crowd"]}
)


def matched(pattern: str, text: str) -> list[str]:
    toks = tokenize(text)
    return [
        text[toks[h.first].start : toks[h.last].end]
        for h in find(toks, compile_all([pattern], FAMS))
    ]


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        # an exact form: the nickname, not the colour
        ("the =yellows", "The yellows promised; the yellow line", ["The yellows"]),
        # prefix, suffix and infix globs: families of words by their form
        ("amput*", "her leg was amputated; an amputee", ["amputated", "amputee"]),
        ("*itis", "arthritis and bronchitis, not itis", ["arthritis", "bronchitis"]),
        ("# *for*", "#JarvisForEastgate but #for", ["#JarvisForEastgate"]),
        # a word not followed: the opponents, not the far side of the road
        (
            "the other side !of",
            "the other side would; the other side of the road",
            ["the other side"],
        ),
        # any capitalised word
        ("^Team ^*", "Team Brookside won; team spirit; Team work", ["Team Brookside"]),
        # families and words in one alternation
        (
            "{before}|{now}|same {loaded}",
            "the old lot, the new crowd, the same lot",
            ["old lot", "new crowd", "same lot"],
        ),
    ],
)
def test_new_elements_match_what_they_say(pattern: str, text: str, expected: list[str]) -> None:
    assert matched(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        "!of the",  # a negative element first
        "am*",  # a glob shorter than three letters
        "*it",
        "council|^*",  # '*' as one of several words
        "change at the|^Town ^Hall|car-park",  # a hyphenated word as one of several
        "the other|didn't",  # a contraction as one of several
        "{nowhere} lot",  # an unknown family
        "{before}|{nowhere} lot",
    ],
)
def test_mistakes_in_patterns_are_refused_with_the_field(pattern: str) -> None:
    with pytest.raises(CasekitError) as err:
        compile_pattern(pattern, FAMS, field="drafting.neutrality.concepts.power")
    assert err.value.field == "drafting.neutrality.concepts.power"


@given(st.text(alphabet="abcdefghij ", max_size=30))
def test_a_suffix_glob_never_matches_a_word_too_short_for_it(text: str) -> None:
    for word in matched("*abc", text):
        assert len(word) >= 6 and word.lower().endswith("abc")


@given(st.lists(st.sampled_from(["the", "other", "side", "of", "road", "."]), max_size=20))
def test_a_negative_element_takes_no_word(words: list[str]) -> None:
    text = " ".join(words)
    for hit in matched("other side !of", text):
        assert hit == "other side"
