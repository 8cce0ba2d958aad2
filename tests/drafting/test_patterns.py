"""The profile's word patterns: forms, capitals, acronyms, families, gaps and errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.drafting.checks.matching import compile_bounded, find_patterns
from casekit.drafting.patterns import compile_all, families_of, find
from casekit.drafting.text import tokenize
from casekit.errors import CasekitError

FAMS = families_of({"previous": ["previous", "last", "old"], "regime": ["administration", "lot"]})


def matched(pattern: str, text: str) -> list[str]:
    toks = tokenize(text)
    return [
        text[toks[h.first].start : toks[h.last].end]
        for h in find(toks, compile_all([pattern], FAMS))
    ]


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("deliver", "we've delivered it", ["delivered"]),
        (
            "{previous} {regime}",
            "the last lot and the old administration",
            ["last lot", "old administration"],
        ),
        ("^Green group", "the Green group and the green group", ["Green group"]),
        ("PIP", "He is on PIP; a pip in the apple", ["PIP"]),
        ("vote for|against", "I will vote against it", ["vote against"]),
        ("keep ... word", "we have kept our solemn word", ["kept our solemn word"]),
        ("Labour -? run", "the Labour-run council and a Labour run", ["Labour-run", "Labour run"]),
        ("the * lot", "the other lot", ["the other lot"]),
        ("re-elect", "please re-elect me", ["re-elect"]),
    ],
)
def test_the_pattern_language(pattern: str, text: str, expected: list[str]) -> None:
    assert matched(pattern, text) == expected


def test_gaps_never_cross_more_than_a_few_words() -> None:
    assert matched("keep ... word", "kept a b c d e f g our word") == []


@pytest.mark.parametrize(
    "pattern",
    ["{nothing} lot", "... word", "word ...", "a ... b ... c ... d", "x? y?"],
)
def test_bad_patterns_are_refused_naming_the_pattern(pattern: str) -> None:
    with pytest.raises(CasekitError) as err:
        compile_all([pattern], FAMS, field="drafting.neutrality.attacks")
    assert pattern in str(err.value)


@pytest.mark.parametrize(
    "pattern",
    [r"[a-z]+@", r"(a|b)*c", r"\s+x", r"(?:\d{1,50}){1,50}", r"x{1,500}"],
)
def test_profile_regexes_that_could_backtrack_are_refused(pattern: str) -> None:
    with pytest.raises(CasekitError) as err:
        compile_bounded(pattern)
    assert "bounded" in str(err.value)


def test_bounded_profile_regexes_are_accepted_and_used() -> None:
    email = r"(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}"
    assert [m.words for m in find_patterns("mail a.b@x.gov.uk now", [email])] == ["a.b@x.gov.uk"]
    with pytest.raises(CasekitError):
        compile_bounded("(unclosed")


@given(
    st.text(max_size=200), st.sampled_from(["{previous} {regime}", "deliver ... word", "^Green *"])
)
def test_matches_lie_inside_the_text_in_order(text: str, pattern: str) -> None:
    toks = tokenize(text)
    hits = find(toks, compile_all([pattern], FAMS))
    for h in hits:
        assert 0 <= h.first <= h.last < len(toks)
    assert [h.first for h in hits] == sorted(h.first for h in hits)
