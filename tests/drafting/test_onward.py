"""Personal data the letter says was sent on beyond its reader, both ways: published in a
newsletter or post, casework handed to a party's agent, details passed to a candidate,
a relative's circumstances passed on to an officer; and the near misses (a reassurance
that nothing was passed on, a newsletter that reports council news, a service's referral).
"""

from __future__ import annotations

from typing import Any

import pytest

from casekit.drafting import check_draft
from casekit.rules.profile import load_profile

PROFILE = load_profile("default")
MEMBER = {"name": "Cllr Ann Reid"}


def letter(body: str, greeting: str = "Dear Mr Bell,") -> str:
    return f"{greeting}\n\n{body}\n\nBest wishes,\n\nCllr Ann Reid\n"


def leaks(text: str, **kwargs: Any) -> list[tuple[str, str, str]]:
    options: dict[str, Any] = {
        "recipient": {"name": "Mr Adam Bell", "role": "constituent"},
        "case": {"constituent": "Mr Adam Bell"},
        "member": MEMBER,
    }
    options.update(kwargs)
    return [
        (f.check, f.severity, f.message)
        for f in check_draft(text, profile=PROFILE, **options)
        if f.kind == "confidentiality" and f.above_advice
    ]


PUBLISHED = [
    "I hope you don't mind, I put a bit about your son's autism in the election newsletter.",
    "I wrote about Mrs Cole's dementia in my ward newsletter so people understand.",
    "We posted the story of your husband's stroke on our Facebook page.",
]


@pytest.mark.parametrize("body", PUBLISHED)
def test_a_residents_circumstances_published_is_a_breach(body: str) -> None:
    found = leaks(letter(body))
    assert any(sev == "breach" and "newsletter, leaflet" in msg for _, sev, msg in found), found


NOT_PUBLISHED = [
    "I have not put anything about your son's autism in the newsletter.",
    "The newsletter says the pool reopens in May.",
    "I wrote about the new play area in the council's residents' magazine.",
]


@pytest.mark.parametrize("body", NOT_PUBLISHED)
def test_nothing_published_about_anyone_is_not(body: str) -> None:
    assert not [m for _, _, m in leaks(letter(body)) if "newsletter, leaflet" in m]


CAMPAIGN = (
    "The agent from the Conservative Association rang again asking for our casework list. "
    "I've exported everyone we've helped - names, addresses, phone numbers and the problem "
    "- into a spreadsheet and sent it over to him."
)


def test_casework_sent_to_a_party_agent_is_a_breach_whoever_reads_the_letter() -> None:
    reader = {"name": "Cllr Ann Reid", "role": "member"}
    found = leaks(letter(CAMPAIGN, "Ann,"), recipient=reader)
    assert any("party or campaign" in m for _, _, m in found)


def test_a_service_given_a_tenants_name_and_address_with_consent_is_not() -> None:
    body = (
        "The tenant, Mrs Asha Patel, has asked the councillor to take this up and has agreed "
        "that we can share her name, address and the details of the repair with Rosebank "
        "Homes."
    )
    reader = {"name": "Ms Grace Okoro, Rosebank Homes", "role": "third-party"}
    found = leaks(
        letter(body, "Dear Ms Okoro,"),
        recipient=reader,
        case={"constituent": "Mrs Asha Patel"},
        consents=["Rosebank Homes"],
    )
    assert found == []


def test_saying_no_casework_goes_to_a_party_is_not() -> None:
    body = "We never send residents' names, addresses or phone numbers to any party agent."
    assert leaks(letter(body)) == []


@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("I've passed your details to Tom Hale, who is standing for us next May.", True),
        ("I've passed your details to Tom Hale, who is our campaign organiser.", True),
        ("I've passed your details to Tom Hale, who runs the Highways team.", False),
    ],
)
def test_details_passed_to_a_candidate_are_a_leak(body: str, leak: bool) -> None:
    assert bool(leaks(letter(body))) is leak


@pytest.mark.parametrize(
    ("follow", "leak"),
    [
        ("I've mentioned it to the housing officer too.", True),
        ("I've passed this on to Riverside Homes.", True),
        ("I have not mentioned it to anyone else.", False),
        ("The inspection is booked for 16 April.", False),
    ],
)
def test_a_relatives_circumstances_passed_on_are_theirs(follow: str, leak: bool) -> None:
    text = letter(
        f"I'm so sorry to hear about your sister's miscarriage last month. {follow}",
        "Dear Mrs Kamara,",
    )
    reader = {"name": "Mrs Fatmata Kamara", "role": "constituent"}
    found = leaks(text, recipient=reader, case={"constituent": "Mrs Fatmata Kamara"})
    assert bool(found) is leak, found


@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("He spends all day at home on the sick.", True),
        ("The van was on the side of the road all day.", False),
    ],
)
def test_on_the_sick_is_health(body: str, leak: bool) -> None:
    text = letter(f"Your neighbour at number 3, Mr Dennis Fulford, is retired. {body}")
    assert ("special_category" in [c for c, _, _ in leaks(text)]) is leak


def test_so_that_families_is_nobody_in_particular() -> None:
    body = "Families are now phoned so that families on medication know when a visit is late."
    assert leaks(letter(body)) == []


def test_a_description_with_a_name_straight_after_is_that_person() -> None:
    text = (
        "To: Pest Control\n\nReferral: rats at 71 Tannery Row (tenant Mrs Olga Petrenko, "
        "0116 496 0591).\n\nAoife Brennan\nEnvironmental Health\n"
    )
    reader = {"name": "Pest Control team", "role": "officer"}
    found = leaks(
        text, recipient=reader, case={"constituent": "Mrs Olga Petrenko"}, consents=["Pest Control"]
    )
    assert found == []


def test_an_attorney_named_with_the_person_they_act_for() -> None:
    text = letter(
        "Mr Willem Achterberg's pension now covers the weekly charge.", "Dear Mrs Achterberg,"
    )
    reader = {"name": "Mrs Marijke Achterberg (attorney for Mr Willem Achterberg)"}
    reader["role"] = "third-party"
    case = {"constituent": "Mr Willem Achterberg"}
    consents = ["Mrs Marijke Achterberg (LPA property and financial affairs)"]
    assert leaks(text, recipient=reader, case=case, consents=consents) == []


# -- from the spent tenth set, in other words ---------------------------------------------------
@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("I have put your photo and your story on my campaign website.", True),
        ("I added your name and your street to the Sorted page on my ward blog.", True),
        ("Your name and street will appear in the residents' magazine only if you agree.", False),
        ("I have not put your name or your message on the website.", False),
    ],
)
def test_a_residents_name_or_words_published(body: str, leak: bool) -> None:
    assert bool([m for _, _, m in leaks(letter(body)) if "Publishing" in m]) is leak


def _widow(note: str) -> list[tuple[str, str, str]]:
    text = letter(
        "Mr Saul Feldman was Jewish, so the burial can take place within a day.",
        "Dear Mrs Feldman,",
    )
    reader = {"name": "Mrs Ruth Feldman", "role": "constituent"}
    return leaks(
        text,
        recipient=reader,
        case={"constituent": "Mrs Ruth Feldman"},
        known_people=[{"name": "Mr Saul Feldman", "note": note}],
    )


def test_the_dead_have_no_data_protection_rights() -> None:
    assert _widow("late husband") == []
    assert _widow("husband, died in May") == []


def test_a_living_relatives_faith_is_theirs() -> None:
    assert _widow("brother-in-law, lives in Leeds")


@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("I am copying this letter to the councillor because she raised it for you.", False),
        ("I have added your details to the councillor's ward contact list.", True),
    ],
)
def test_the_councillor_who_raised_it_is_not_a_copy(body: str, leak: bool) -> None:
    assert bool(leaks(letter(body))) is leak


@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("You objected to the application by Mr and Mrs Ogunleye (ref 24/01187/FUL).", False),
        ("The planning application by Mr Tom Reeve has been validated.", False),
        ("The housing application by Mr Tom Reeve has been approved.", True),
    ],
)
def test_a_planning_applicant_is_on_the_register(body: str, leak: bool) -> None:
    reader = {"name": "Mr Dave Carter", "role": "third-party"}
    found = [c for c, _, _ in leaks(letter(body, "Dear Mr Carter,"), recipient=reader)]
    assert ("personal_data" in found) is leak, found


ASB = (
    "To: Anti-social Behaviour Team\n\nMrs Petrenko saw the tenant of flat 11 dealing from "
    "the stairwell on three nights. She has agreed to give a statement.\n\nJo Moss\n"
)


def test_crime_reported_to_the_asb_team_is_for_it_to_weigh() -> None:
    reader = {"name": "Anti-social Behaviour Team", "role": "officer"}
    case = {"constituent": "Mrs Olena Petrenko"}
    assert leaks(ASB, recipient=reader, case=case, consents=["Anti-social Behaviour Team"]) == []


def test_the_same_report_to_a_landlord_is_a_leak() -> None:
    reader = {"name": "Mr Gary Hill, landlord", "role": "third-party"}
    case = {"constituent": "Mrs Olena Petrenko"}
    text = ASB.replace("To: Anti-social Behaviour Team", "To: Mr Gary Hill")
    assert leaks(text, recipient=reader, case=case, consents=["Mr Gary Hill"])


@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("Mrs Begum holds a lasting power of attorney for property and financial affairs.", False),
        ("Mrs Begum's husband is having an affair, so she has moved out.", True),
    ],
)
def test_financial_affairs_are_not_private_life(body: str, leak: bool) -> None:
    assert bool(leaks(letter(body))) is leak


def test_a_refugee_charity_needs_the_refugee_status_it_was_told_with_consent() -> None:
    text = letter("Mr Yusuf was granted refugee status in May and needs a deposit.", "Dear Jo,")
    reader = {"name": "Ms Jo Frankland, Open Doors (refugee charity)", "role": "third-party"}
    case = {"constituent": "Mr Abdirahman Yusuf"}
    assert leaks(text, recipient=reader, case=case, consents=["Open Doors"]) == []
    assert leaks(text, recipient=reader, case=case)  # without consent: a leak


@pytest.mark.parametrize(
    "body",
    [
        "Mr Carraway has had one of our boards in his garden every election.",
        "Mr Carraway does the Sedge Walk delivery round for us.",
    ],
)
def test_party_work_is_political_opinion(body: str) -> None:
    assert leaks(letter(body))


# -- from the spent eleventh set, in other words ----------------------------------------------
@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("The wall is shared, so the council will write to the owner of number 23.", False),
        ("Under the Party Wall Act the council will write to the owner of number 23.", False),
        ("I have shared your email with the Labour Party branch.", True),
    ],
)
def test_a_party_wall_and_a_shared_wall_send_nothing(body: str, leak: bool) -> None:
    assert bool(leaks(letter(body))) is leak


@pytest.mark.parametrize(
    ("cc", "leak"),
    [("Cllr Danny Moss (who raised it with me)", False), ("Cllr Danny Moss", True)],
)
def test_the_member_who_raised_it_may_be_copied_in(cc: str, leak: bool) -> None:
    text = letter("The crossing patrol starts on Monday.") + f"\ncc: {cc}\n"
    assert bool(leaks(text)) is leak


def test_a_surname_is_not_a_condition() -> None:
    assert leaks(letter("Please call Dean Foster at the Youth Service about the club.")) == []
    assert leaks(letter("Mrs Hall's youngest is in foster care."))


def test_a_solicitor_with_recorded_authority_may_know_the_clients_health() -> None:
    text = letter("Mr Rourke's asthma is worse since the mould appeared.", "Dear Ms Kaur,")
    reader = {"name": "Ms Jaspreet Kaur, Harbour Law LLP", "role": "third-party"}
    case = {"constituent": "Mr Declan Rourke"}
    assert leaks(text, recipient=reader, case=case, consents=["Harbour Law LLP (solicitor)"]) == []
    assert leaks(text, recipient=reader, case=case)


def test_a_first_name_worked_out_once_stays_that_person() -> None:
    text = letter(
        "Admission appeal for your son, Daniel.\n\nDaniel has anxiety, which the panel will hear.",
        "Dear Mrs Abiodun,",
    )
    reader = {"name": "Mrs Folake Abiodun", "role": "constituent"}
    assert leaks(text, recipient=reader, case={"constituent": "Mrs Folake Abiodun"}) == []


@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("Her son Tyler has just been released from Feltham.", True),
        ("Mr Kamara has voted Labour all his life.", True),
        ("Mr Kamara was released from hospital on Friday and is home.", True),
        ("The results were released from the count at 2am.", False),
    ],
)
def test_custody_and_votes_are_someones_data(body: str, leak: bool) -> None:
    text = letter(body, "Dear Ms Dyer,")
    reader = {"name": "Ms Sharon Dyer, Housing Management", "role": "officer"}
    found = leaks(text, recipient=reader, case={"constituent": "Ms Paula Grange"})
    assert bool(found) is leak, found
