"""Salutation, address block and signature: whom a letter is to when checked on its own."""

from __future__ import annotations

from casekit.drafting.addressee import inside, layout

LETTER = (
    "Mrs Beatrice Mensah\n27 Tannery Court\nCaldermoor\nHX1 4QW\nTel: 07700 900277\n\n"
    "Dear Mrs Mensah,\n\nThank you.\n\nYours sincerely,\n\nJo Hart\n0113 496 0466\n"
)


def test_the_salutation_names_the_reader_and_the_block_above_is_theirs() -> None:
    parts = layout(LETTER)
    assert parts.reader == "Mrs Mensah"
    assert LETTER[slice(*parts.address_block)].startswith("Mrs Beatrice Mensah")
    assert inside(parts.address_block, LETTER.index("07700"), LETTER.index("07700") + 12)
    assert inside(parts.signature, LETTER.index("0113"), LETTER.index("0113") + 13)


def test_a_bilingual_salutation_and_a_letterhead_without_an_address() -> None:
    parts = layout(
        "Cllr Priya Shah\nCouncillor for Northfield\n\nAnnwyl / Dear Mr Hughes,\n\nDiolch."
    )
    assert parts.reader == "Mr Hughes"
    assert parts.address_block == (0, 0)  # a letterhead is the writer's, not an address


def test_no_salutation_no_reader() -> None:
    parts = layout("Thanks Cllr Nwosu - logged as CK-0252.")
    assert parts.reader == "" and parts.signature == (0, 0)
