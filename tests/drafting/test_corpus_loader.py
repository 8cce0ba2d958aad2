"""How the corpus loader reads a letter's case record, so the checks see what a case
record would give them."""

from __future__ import annotations

from tests.corpus.loader import CHILD, _bracketed


def test_a_person_note_may_follow_a_comma_or_sit_in_brackets() -> None:
    assert _bracketed("Amir Khan, the constituent's nephew") == (
        "Amir Khan",
        "the constituent's nephew",
    )
    assert _bracketed("Mrs Rose Tan (lodger)") == ("Mrs Rose Tan", "lodger")
    assert _bracketed("Mrs Rose Tan, 12 (Mill Lane)") == ("Mrs Rose Tan", "12 Mill Lane")
    assert _bracketed("Mrs Rose Tan") == ("Mrs Rose Tan", "")


def test_the_readers_own_child_is_a_child_note_and_a_neighbours_is_not() -> None:
    assert CHILD.search("the addressee's daughter")
    assert CHILD.search("grandson")
    assert not CHILD.search("son of the tenant at 4")
    assert not CHILD.search("neighbour's son")
