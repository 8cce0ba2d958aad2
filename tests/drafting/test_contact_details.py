"""Contact details and home addresses, one short letter at a time: whose number, e-mail or
address each is, how sure casekit is (a warning, or advice to check it), and what the
learner is told. The concept rules alone: the resemblance model's second opinion is tested
in test_resemblance.py."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from casekit.drafting import Finding, check_draft
from casekit.drafting.checks.contacts import _own
from casekit.drafting.mentions import READER as READER_WHO
from casekit.drafting.mentions import Mention
from casekit.drafting.text import tokenize
from tests.drafting.profiles import concept_rules_only

PROFILE = concept_rules_only()
READER = {"name": "Mrs Ann Shah", "role": "constituent"}
MEMBER = {"name": "Cllr Raj Mistry", "phone": "07700 900431"}
CASE = {
    "constituent": "Mrs Ann Shah",
    "contacts": [
        {"name": "Sam Okafor", "phone": "0116 496 0212", "email": "sam.okafor@thornby.gov.uk"}
    ],
}
CONTACT_RULE = PROFILE.drafting["confidentiality"]["sources"]["contact_details"]
ADDRESS_RULE = PROFILE.drafting["confidentiality"]["sources"]["home_address"]


def found(text: str, check: str, **kwargs: Any) -> list[Finding]:
    options: dict[str, Any] = {
        "profile": PROFILE,
        "recipient": READER,
        "member": MEMBER,
        "case": CASE,
    }
    options.update(kwargs)
    letter = "Dear Mrs Shah,\n" + text
    return [f for f in check_draft(letter, **options) if f.check == check]


def contacts(text: str, **kwargs: Any) -> list[tuple[str, str, str]]:
    return [(f.severity, f.words, f.about) for f in found(text, "contact_details", **kwargs)]


def addresses(text: str, **kwargs: Any) -> list[tuple[str, str]]:
    return [(f.words, f.about) for f in found(text, "home_address", **kwargs)]


# -- phone numbers and e-mail addresses ---------------------------------------------------


def test_someone_elses_number_is_a_warning_that_says_whose_it_is() -> None:
    (f,) = found("Mrs Brenda Cox has a key. Her mobile is 07700 900555.", "contact_details")
    assert (f.kind, f.severity, f.words, f.about) == (
        "confidentiality",
        "warning",
        "07700 900555",
        "Mrs Brenda Cox",
    )
    assert f.message == (
        "The draft gives contact details ('07700 900555') that are not the recipient's "
        "(Mrs Brenda Cox's). Take out personal data the reader does not need."
    )
    assert f.rule == CONTACT_RULE and f.criterion == "AC3"


def test_a_number_given_for_an_untitled_name_is_advice_to_check_it() -> None:
    """ "contact Dev Patel on ...": most likely an officer's work line, so the learner is
    asked to check it rather than told it is a leak."""
    (f,) = found("Please contact Dev Patel on 0115 496 0377.", "contact_details")
    assert (f.severity, f.words, f.about) == ("advice", "0115 496 0377", "Dev Patel")
    assert f.message == (
        "'0115 496 0377' may be a private number or address. Check it is an official or "
        "public one before you send."
    )
    assert f.rule == CONTACT_RULE


def test_an_officers_number_is_personal_only_when_the_letter_says_so() -> None:
    assert contacts("Please contact Sam Okafor on 0116 496 0212.") == []
    said = contacts("Sam Okafor's personal mobile is 07700 900888.")
    assert ("warning", "07700 900888", "Sam Okafor") in said
    cued = contacts("Personal mobile of the housing officer: 07700 900123.")
    assert cued == [("warning", "07700 900123", "the housing officer")]
    assert contacts("The housing officer is on 0115 496 0377.") == []


def test_a_number_for_a_team_needs_no_comment_and_one_for_nobody_is_checked() -> None:
    assert contacts("Reception: 0115 496 0281.") == []
    assert contacts("Or ring 0115 496 0281.") == [("advice", "0115 496 0281", "")]


def test_the_readers_own_number_given_as_theirs_is_not_a_finding() -> None:
    assert contacts("Your mobile 07700 900123 is on the form.") == []
    assert contacts("I'm on 07700 900123 most days.") == []


def test_a_number_after_you_is_the_readers_only_when_given_as_theirs() -> None:
    """ "you can ring ..." gives a number for the reader to call, not the reader's own."""
    assert contacts("If anything changes, you can ring 0115 496 0281.") == [
        ("advice", "0115 496 0281", "")
    ]
    assert contacts("We will ring you on 07700 900123 tomorrow.") == []


def test_public_mailboxes_and_a_clubs_mailbox_raise_nothing_at_all() -> None:
    assert contacts("Please write to housing@thornby.gov.uk.") == []
    assert contacts("Write to enquiries@thornbyfoodbank.co.uk for a parcel.") == []
    assert contacts("The rota is kept by the club: oakvalebowlsclub@example.org.") == []
    assert contacts("The rota is kept by Gill: gill.oakvale@example.org.") == [
        ("warning", "gill.oakvale@example.org", "")
    ]


def test_an_email_pattern_a_centre_widens_still_skips_addresses_without_a_domain() -> None:
    """A centre may edit the pattern; an address with no dot after the @ is an intranet
    alias, not a published address, and the numbers after it are still checked."""
    drafting = copy.deepcopy(PROFILE.drafting)
    drafting["confidentiality"]["email_pattern"] = r"[\w.]{1,64}@[A-Za-z0-9-]{1,63}"
    wide = dataclasses.replace(PROFILE, drafting=drafting)
    text = "Write to repairs@intranet. Mrs Brenda Cox has a key: her mobile is 07700 900555."
    assert contacts(text, profile=wide) == [("warning", "07700 900555", "Mrs Brenda Cox")]


# -- home addresses ---------------------------------------------------------------------


def test_a_home_address_names_whose_it_is_in_the_message() -> None:
    (f,) = found("The hedge was cut on Monday. It belongs to the man at number 40.", "home_address")
    assert (f.kind, f.severity, f.words, f.about) == (
        "confidentiality",
        "warning",
        "man at number 40",
        "the man",
    )
    assert f.message == (
        "The draft gives where the man lives ('man at number 40'). That is their personal "
        "data: take it out unless the reader needs it."
    )
    assert f.rule == ADDRESS_RULE


def test_an_address_given_for_nobody_named_says_someone() -> None:
    (f,) = found("Her new address is 7 Kiln Lane.", "home_address")
    assert f.words == "Her new address is 7 Kiln Lane"
    assert f.message.startswith("The draft gives where someone lives (")


def test_every_written_form_of_an_address_is_found_with_its_words() -> None:
    assert addresses("Mr Kemp at No. 4 has complained.") == [("Mr Kemp at No. 4", "Mr Kemp")]
    assert addresses("It belongs to Mr Shane Porter of 12a Ivy Road.") == [
        ("Mr Shane Porter of 12a Ivy Road", "Mr Shane Porter")
    ]
    assert addresses("Mrs Lena Schofield at 17, next to the shop, has a key.") == [
        ("Mrs Lena Schofield at 17", "Mrs Lena Schofield")
    ]
    assert addresses("The van belongs to Mr P. Cole, 3 Orchard House.") == [
        ("Mr P. Cole, 3 Orchard House", "Mr P Cole")
    ]
    assert addresses("The van belongs to Mr Alan Prentice (26 Dovecote Road).") == [
        ("Mr Alan Prentice (26 Dovecote Road", "Mr Alan Prentice")
    ]
    assert addresses("The van belongs to Mr Albert Kemp, aged 80, of 3 Ivy Road.") == [
        ("Mr Albert Kemp, aged 80, of 3 Ivy Road", "Mr Albert Kemp")
    ]
    assert addresses("The van belongs to Mr Kemp, who is at number 40.") == [
        ("who is at number 40", "Mr Kemp")
    ]
    assert addresses("The van belongs to Mrs Tahir of Flat 2.") == [
        ("Mrs Tahir of Flat 2", "Mrs Tahir")
    ]
    assert addresses("Mr Kemp has a key to Flat 6, Mill House, for the meter.") == []


def test_where_someone_lives_is_told_by_what_the_letter_ties_to_them() -> None:
    assert addresses("Mr and Mrs Okafor have moved, and their new address is 7 Kiln Lane.") == [
        ("their new address is 7 Kiln Lane", "Mr Okafor")
    ]
    assert addresses("The parcel was left on her doorstep at 3 Mill Lane.") == [
        ("her doorstep at 3 Mill Lane", "")
    ]
    assert addresses("The card went through his letterbox at 3 Mill Lane.") == [
        ("his letterbox at 3 Mill Lane", "")
    ]
    assert addresses("The bags were left by her front door at 3 Mill Lane.") == [
        ("her front door at 3 Mill Lane", "")
    ]
    assert ("12 Ivy Road, where Mr Kemp", "Mr Kemp") in addresses(
        "The fence at 12 Ivy Road, where Mr Kemp lives, is down."
    )


def test_the_address_of_a_site_or_a_visit_is_nobodys_home() -> None:
    assert addresses("Mr Kemp asked about the hedge at 23 Hawthorn Drive.") == []
    assert addresses("We inspected 12 Ivy Road with Mr Kemp on Monday.") == []
    assert addresses("Mr Kemp will meet us at 11.30 by the gate.") == []


def test_the_person_named_twelve_words_back_still_holds_the_number() -> None:
    near = "Mrs Brenda Cox, who kindly looks after the keys for the village, is on 07700 900555."
    assert contacts(near) == [("warning", "07700 900555", "Mrs Brenda Cox")]
    far = near.replace("village,", "village hall,")
    assert contacts(far) == [("advice", "07700 900555", "")]


def _mention(key: str) -> Mention:
    return Mention(0, 0, 0, 0, 0, "you", READER_WHO, key=key)


@pytest.mark.parametrize(
    ("key", "words", "own"),
    [
        ("you", "are on :", True),  # "you are on: 0116 ..."
        ("me", "on", True),
        ("i", "am on", True),
        ("i", "will ring on", False),
        ("we", "are at", True),
        ("you", "are on : at", False),  # too far to be given as theirs
        ("you", "can ring", False),
        ("your", "new mobile is", True),
        ("her", "on", False),
    ],
)
def test_a_number_after_you_or_me_is_ours_only_when_linked_closely(
    key: str, words: str, own: bool
) -> None:
    assert _own(_mention(key), tokenize(words)) is own
