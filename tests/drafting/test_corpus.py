"""The draft checks on the labelled letter corpus (the tuning set and round 1's held-out
set, now spent and tuned on), both ways.

For each letter and each check (neutrality, confidentiality):

- a positive letter (partisan, leak): every ``evidence`` string is covered by a finding of
  that check at warning or breach (the check fires for the right reason);
- a negative letter (neutral, clean): no finding of that check at warning or breach;
- any letter: no ``near_miss`` string is covered by such a finding.

The development set is tested in ``test_corpus_development.py`` (label by label, with its
allow-list); the second held-out set, scored once at the end of round 2, keeps its score as
a floor in ``test_corpus_floors.py``.
"""

from __future__ import annotations

from functools import cache

import pytest

from casekit.drafting import Finding, check_draft
from casekit.rules.profile import load_profile
from tests.corpus.loader import Letter, check_kwargs, load

PROFILE = load_profile("default")
LETTERS = {letter.id: letter for letter in [*load("tuning"), *load("heldout")]}
CHECKS = ("neutrality", "confidentiality")
# Known misses, each with the reason it is accepted: (letter id, check, evidence or
# near-miss string) -> why. The letters themselves are judged right; these are second
# evidence strings no finding covers.
KNOWN_MISSES: dict[tuple[str, str, str], str] = {
    ("H059", "confidentiality", "two of the children are enrolled at St Bede's for the term"): (
        "which school a third party's children attend is personal data but not special "
        "category; the letter leaks (and is flagged) for the family's immigration status"
    ),
}


@cache
def findings(letter_id: str) -> tuple[Finding, ...]:
    letter = LETTERS[letter_id]
    return tuple(check_draft(letter.text, profile=PROFILE, **check_kwargs(letter)))


def flagged(letter: Letter, check: str) -> list[Finding]:
    return [f for f in findings(letter.id) if f.kind == check and f.above_advice]


def covered(letter: Letter, words: str, found: list[Finding]) -> bool:
    start = letter.text.index(words)
    end = start + len(words)
    return any(f.start < end and f.end > start for f in found)


def labels(letter: Letter, check: str) -> dict[str, object]:
    return letter.neutrality if check == "neutrality" else letter.confidentiality


@pytest.mark.parametrize(
    ("prefix", "count", "partisan", "leak"), [("T", 152, 61, 60), ("H", 65, 26, 28)]
)
def test_the_sets_are_the_ones_described(prefix: str, count: int, partisan: int, leak: int) -> None:
    letters = [lt for lt in LETTERS.values() if lt.id.startswith(prefix)]
    assert len(letters) == count
    assert sum(letter.partisan for letter in letters) == partisan
    assert sum(letter.leak for letter in letters) == leak


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("letter_id", sorted(LETTERS))
def test_each_letter_is_judged_as_labelled_for_the_right_words(letter_id: str, check: str) -> None:
    letter = LETTERS[letter_id]
    found = flagged(letter, check)
    label = labels(letter, check)
    positive = letter.partisan if check == "neutrality" else letter.leak
    if positive:
        for words in label["evidence"]:  # type: ignore[union-attr]
            if (letter_id, check, words) in KNOWN_MISSES:
                continue
            assert covered(letter, words, found), (
                f"{letter_id}: no {check} finding covers the evidence {words!r}; "
                f"found {[f.words for f in found]}"
            )
    else:
        assert found == [], f"{letter_id}: false {check} alarm on {[f.words for f in found]}"
    for words in label.get("near_miss", []):  # type: ignore[union-attr]
        if (letter_id, check, words) in KNOWN_MISSES:
            continue
        assert not covered(letter, words, found), f"{letter_id}: near miss {words!r} flagged"


@pytest.mark.parametrize("letter_id", sorted(LETTERS))
def test_every_finding_points_at_its_words(letter_id: str) -> None:
    text = LETTERS[letter_id].text
    for f in findings(letter_id):
        assert text[f.start : f.end] == f.words
        assert f.rule and f.message and f.criterion
