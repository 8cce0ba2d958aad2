"""Who a letter speaks of: names, pronouns, descriptions and whom each one means."""

from __future__ import annotations

import pytest

from casekit.drafting.mentions import (
    CONSTITUENT,
    COVERED,
    GENERIC,
    OFFICIAL,
    OTHER,
    READER,
    WRITER,
    Known,
    find_people,
)
from casekit.drafting.patterns import families_of
from casekit.drafting.text import analyse
from casekit.rules.profile import load_profile

FAMILIES = families_of(load_profile("default").drafting["confidentiality"]["families"])
PEOPLE = (
    Known(READER, "Mrs Ann Shah", "Mrs", "Ann", "Shah", "f"),
    Known(CONSTITUENT, "Mr Roy Ellis", "Mr", "Roy", "Ellis", "m"),
    Known(OFFICIAL, "Dawn Fielding", "", "Dawn", "Fielding", ""),
    Known(COVERED, "Tyler", "", "Tyler", "", ""),
)


def who(text: str, words: str, *, reader_is_constituent: bool = True) -> str:
    """Who the phrase ``words`` (its last occurrence) is about."""
    _, sents = analyse(text)
    people = find_people(sents, PEOPLE, FAMILIES, reader_is_constituent)
    start = text.rindex(words)
    for k, s in enumerate(sents):
        if s.start <= start < s.end + 1:
            idx = [i for i, t in enumerate(s.tokens) if start <= t.start < start + len(words)]
            holder = people.holder(k, idx[0], idx[-1])
            return holder.who if holder else ""
    raise AssertionError(words)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("I know your diabetes makes it hard.", "diabetes", READER),
        ("I did speak to Mr Ellis. He told me he is on PIP.", "PIP", CONSTITUENT),
        ("Mr Granger at number 14 is registered blind.", "blind", OTHER),
        ("Your neighbour's son, Kyle Barnes, who is 15, was arrested.", "arrested", OTHER),
        (
            "Mr Dube next door to you, who has learning disabilities, forgets.",
            "disabilities",
            OTHER,
        ),
        ("Mr Eric Sandford, whose wife has cancer, rang.", "cancer", OTHER),
        ("Your housing officer, Dawn Fielding, has been off sick.", "off sick", OFFICIAL),
        ("Tyler's mother is on Universal Credit.", "Universal Credit", OTHER),
        ("The family came. Their son has autism.", "autism", OTHER),
        ("The van belongs to the Polish family at number 3.", "Polish family", OTHER),
        ("The change affects students without an EHC plan.", "EHC plan", GENERIC),
        ("You told me: my daughter has asthma.", "asthma", WRITER),
        ("Because your son's EHC plan names a school, he is eligible.", "EHC plan", READER),
    ],
)
def test_whom_a_phrase_is_about(text: str, words: str, expected: str) -> None:
    assert who(text, words) == expected


def test_a_relative_of_a_third_party_reader_is_the_constituent() -> None:
    text = "Your father's social worker says his Parkinson's is worse."
    assert who(text, "Parkinson", reader_is_constituent=False) == CONSTITUENT
    assert who(text, "Parkinson", reader_is_constituent=True) == OTHER


def test_a_pronoun_prefers_a_person_of_its_gender_and_never_means_the_reader() -> None:
    text = "Dear Mr Asante,\n\nDarren Hollis has been helpful. He gave me his personal mobile."
    assert who(text, "mobile") == OTHER or who(text, "mobile") == OFFICIAL
    text2 = "Her ex-partner, Jason Reid, deals drugs, so she does not want to move there."
    _, sents = analyse(text2)
    people = find_people(sents, PEOPLE, FAMILIES)
    she = next(m for m in people.mentions if m.key == "she")
    assert she.label != "Jason Reid"


def test_a_double_barrelled_surname_is_one_name() -> None:
    people = (Known(READER, "Mrs Ann Shah-Cole", "Mrs", "Ann", "Shah-Cole", "f"),)
    _, sents = analyse("Dear Mrs Shah-Cole, thank you. Mrs Shah wrote to us too.")
    found = find_people(sents, people, FAMILIES, True)
    names = [(m.label, m.who) for m in found.mentions if m.kind == "name"]
    assert names == [("Mrs Shah-Cole", READER), ("Mrs Shah", OTHER)]


def test_a_body_after_a_comma_is_not_a_person_in_apposition() -> None:
    _, sents = analyse("Adult Social Care, Thornby Council, wrote. The driver, Lee Harris, rang.")
    found = find_people(sents, PEOPLE, FAMILIES, True)
    assert [m.label for m in found.mentions if m.kind == "name"] == ["Lee Harris"]
