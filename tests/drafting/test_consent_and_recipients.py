"""Who the reader is, and what the consent recorded for them covers, both ways: consents
written as a case worker writes them ("the MP's office, which referred the case", "Mrs
Anita Kapoor, daughter, signed consent dated 2 April"), bodies named by initials or by a
letter's "To:" line, safeguarding services, cases raised for a group, and copy lines.
"""

from __future__ import annotations

from typing import Any

import pytest

from casekit.drafting import check_draft
from casekit.drafting.checks.context import consent_scopes, same_body
from casekit.rules.profile import load_profile

PROFILE = load_profile("default")
MEMBER = {"name": "Cllr Ann Reid"}


def leaks(text: str, **kwargs: Any) -> list[tuple[str, str, str]]:
    options: dict[str, Any] = {"member": MEMBER}
    options.update(kwargs)
    return [
        (f.check, f.severity, f.words)
        for f in check_draft(text, profile=PROFILE, **options)
        if f.kind == "confidentiality" and f.above_advice
    ]


@pytest.mark.parametrize(
    ("written", "name", "scope"),
    [
        ("the MP's office, which referred the case", "the mp's office", "which referred the case"),
        (
            "Mrs Anita Kapoor, daughter, signed consent dated 2 April",
            "anita kapoor",
            "daughter, signed consent dated 2 April",
        ),
        ("Housing Options, Leeds City Council", "housing options, leeds city council", ""),
        ("Northfield PALS (recorded 18 September)", "northfield pals", "recorded 18 September"),
    ],
)
def test_a_consent_is_read_as_a_caseworker_writes_it(written: str, name: str, scope: str) -> None:
    assert consent_scopes([written]) == ((name, scope),)


@pytest.mark.parametrize(
    ("consented", "reader", "same"),
    [
        ("Northfield PALS", "Patient Advice and Liaison Service, Northfield Hospitals", True),
        ("the MP's office", "Office of the MP for Forestside", True),
        ("the MP's office", "Office of the Police and Crime Commissioner", False),
        ("Brindley MASH", "Multi-Agency Safeguarding Hub, Brindley", True),
        ("Eastbrook Policing Team", "PC Danielle Greaves", False),
    ],
)
def test_a_body_is_known_by_its_words_or_initials(consented: str, reader: str, same: bool) -> None:
    assert same_body(consented, reader) is same


POLICE = (
    "To: PC Danielle Greaves, Neighbourhood Policing Team, Eastbrook\n\nDear PC Greaves,\n\n"
    "She is Mrs Precious Moyo, 12 Rowan Walk, telephone 07700 900387, and she has agreed to "
    "talk to you.\n\nStuart Pearce\nCommunity Safety\n"
)


def test_the_to_line_names_the_body_a_consent_was_given_for() -> None:
    reader = {"name": "PC Danielle Greaves", "role": "third-party"}
    case = {"constituent": "Mrs Precious Moyo"}
    assert leaks(POLICE, recipient=reader, case=case), "without consent: a leak"
    consents = ["Eastbrook Neighbourhood Policing Team"]
    assert leaks(POLICE, recipient=reader, case=case, consents=consents) == []


def test_a_relative_given_consent_may_hear_the_case_as_the_constituent_would() -> None:
    text = (
        "Dear Mrs Kapoor,\n\nSince your mother's stroke the OT has recommended a level-access "
        "shower, which is booked for June.\n\nJo Moss\n"
    )
    reader = {"name": "Mrs Anita Kapoor", "role": "third-party"}
    case = {"constituent": "Mrs Sushila Sharma"}
    assert leaks(text, recipient=reader, case=case)
    relative = ["Mrs Anita Kapoor, daughter, signed consent dated 2 April"]
    assert leaks(text, recipient=reader, case=case, consents=relative) == []
    # a consent that only names what may be passed on does not make the reader a relative
    limited = ["Mrs Anita Kapoor (her name and her mother's phone number only)"]
    assert leaks(text, recipient=reader, case=case, consents=limited)


SAME_DAY = (
    "To: MASH\n\nSame-day referral. A neighbour reports that Jayden Cole (about 7), 18 Fenton "
    "Walk, was outside crying at 10pm; he had bruising on his arm and said his mum had not "
    "come home.\n\nLiam Hughes\nMember Casework Team\n"
)


def test_a_safeguarding_referral_needs_no_consent_to_name_the_child() -> None:
    found = leaks(SAME_DAY, recipient={"name": "MASH", "role": "officer"}, case={})
    assert found == []


def test_the_same_words_to_a_neighbour_are_a_leak() -> None:
    reader = {"name": "Mr Dave Carter", "role": "third-party"}
    assert leaks(SAME_DAY.replace("To: MASH", "To: Mr Dave Carter"), recipient=reader, case={})


GROUP = "Dear Ms Trent,\n\nTenants at Meadow Court report damp in most flats.\n\nCllr Ann Reid\n"


@pytest.mark.parametrize("group", ["Tenants of Meadow Court", "Residents of Cwm Isaf"])
def test_a_case_for_a_group_needs_nobodys_consent(group: str) -> None:
    reader = {"name": "Ms Laura Trent, Northway Housing Association", "role": "third-party"}
    assert leaks(GROUP, recipient=reader, case={"constituent": group}) == []


def test_a_case_for_a_person_still_does() -> None:
    reader = {"name": "Ms Laura Trent, Northway Housing Association", "role": "third-party"}
    text = GROUP.replace("Tenants at Meadow Court report", "Mr Paul Dunn at 4 Meadow Court has")
    assert leaks(text, recipient=reader, case={"constituent": "Mr Paul Dunn"})


COPIED = "Dear Ms Ekwueme,\n\nThe repair is booked for Monday.\n\nJo Moss\n\ncc {cc}\n"
READER = {"name": "Ms Adaeze Ekwueme", "role": "constituent"}
CASE = {
    "constituent": "Ms Adaeze Ekwueme",
    "contacts": [{"name": "Dafydd Pugh", "phone": "029 2018 0561"}],
}


@pytest.mark.parametrize(
    ("cc", "consents"),
    [
        ("Callum Reid, Office of the MP for Forestside", ["the MP's office, which referred it"]),
        ("Dafydd Pugh, Integrated Transport Unit, Cyngor Sir Tredegar Vale", []),
    ],
)
def test_copying_in_those_the_case_allows_is_fine(cc: str, consents: list[str]) -> None:
    assert leaks(COPIED.format(cc=cc), recipient=READER, case=CASE, consents=consents) == []


@pytest.mark.parametrize(
    "cc", ["Callum Reid, Office of the MP for Forestside", "Cllr Raj Patel, Labour group"]
)
def test_copying_in_others_without_consent_is_a_leak(cc: str) -> None:
    assert leaks(COPIED.format(cc=cc), recipient=READER, case=CASE)


def test_a_police_officer_is_known_by_their_title() -> None:
    text = "Dear PC Greaves,\n\nThank you for visiting.\n\nJo Moss\n"
    reader = {"name": "PC Danielle Greaves", "role": "third-party"}
    assert leaks(text, recipient=reader, case={}) == []
