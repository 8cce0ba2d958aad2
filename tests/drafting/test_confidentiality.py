"""Confidentiality on short hand-written letters, both ways: whose data a phrase is, and
whether this reader may have it."""

from __future__ import annotations

from typing import Any

import pytest

from casekit.drafting import check_draft
from casekit.rules.profile import load_profile

PROFILE = load_profile("default")
CONSTITUENT = {"name": "Mrs Ann Shah", "role": "constituent"}
MEMBER = {"name": "Cllr Raj Mistry", "phone": "07700 900431"}
CASE = {
    "constituent": "Mrs Ann Shah",
    "contacts": [
        {"name": "Sam Okafor", "phone": "0116 496 0212", "email": "sam.okafor@thornby.gov.uk"}
    ],
}


def leaks(text: str, **kwargs: Any) -> list[tuple[str, str, str]]:
    options: dict[str, Any] = {"recipient": CONSTITUENT, "member": MEMBER, "case": CASE}
    options.update(kwargs)
    return [
        (f.check, f.severity, f.words)
        for f in check_draft(text, profile=PROFILE, **options)
        if f.kind == "confidentiality" and f.above_advice
    ]


LEAKS = [
    # other people's special category and criminal-offence data, found by meaning
    "Between ourselves, the man at number 40 has previous convictions and is on probation.",
    "Their child is having treatment for leukaemia.",
    "The family next door is on Universal Credit and their son has an EHC plan.",
    "The new tenants are a family from Eritrea waiting for a decision on their claim to stay.",
    "I did speak to Mr Ellis. He told me he is on PIP because of his back condition.",
    "Mr Boateng has kidney failure and goes to dialysis three times a week.",
    "The driver you complained about, Lee Harris, is the GMB shop steward.",
    "The buyers, Mr and Mrs Rashid, are Ahmadiyya Muslims.",
    "The tenant upstairs is more than £2,000 behind on her rent.",
    "The van belongs to the Polish family at number 3.",
    "Your housing officer, Dawn Fielding, has been off sick with stress.",
    # addresses and private contacts
    "It belongs to Mr Shane Porter of 3 Ivy Road.",
    "I asked the housing office and she has moved to 41 Cavendish Road.",
    "Mrs Brenda Cox has a key. Her mobile is 07700 900555.",
    "He gave me his personal mobile, 07700 900812, so ring him in the evenings.",
    "Mr Ali Raza reported the same problem. His email is ali.raza77@example.net.",
    "Mrs Eira Pryce at number 4 has complained about the lane too.",
    # copies
    "Thank you for your letter.\n\ncc: Cllr Sarah Blake, Cllr Imran Qureshi",
    "I have shared your email with our group whip, Cllr Frances Dale.",
    "I've copied in Tom Ashby, our ward organiser.",
    "To: m.hollis@example.com; sunil.v@example.net\n\nDear residents,",
    "Your neighbour at number 6 told us he is on methadone.",
    "The people at 14 Elm Road are Travellers.",
    "You could ask her yourself: jane.doe63@example.com.",
]

CLEAN = [
    # the reader's own data, written to them
    "I know your diabetes makes the stairs hard, and your arrears are now £212.",
    "Your pregnancy is taken into account from 28 weeks; as you are due in August, bid from May.",
    "Because your daughter's EHC plan names Castle Mount, the school must admit her.",
    "As you receive Pension Credit, you should get the Warm Home Discount.",
    "I am sorry to hear about your husband's stroke.",
    # schemes, teams, generic counts and people nobody can identify
    "Your Disabled Facilities Grant was approved, and the SEND Transport team will call.",
    "A trade union is balloting crews over pay.",
    "Four other households in your block reported damp.",
    "The change only affects post-16 students without an EHC plan.",
    "The council has received reports from residents nearby.",
    # officers' work contacts, the member's own number, council mailboxes, public lines
    "Please contact Sam Okafor on 0116 496 0212 or sam.okafor@thornby.gov.uk.",
    "If it is not fixed, give me a ring on 07700 900431.",
    "Please write to housing@thornby.gov.uk or ring NHS 111.",
    "Citizens Advice can help you free of charge: 0808 157 0123.",
    "The contractor, Apex Roofing, will call you on 0115 496 0281.",
    "Councillor Price has asked Councillor Adair to cover the ward.",
    # copies the case allows and sharing that did not happen
    "Thank you.\n\nYours sincerely,\nGraham Obeng\n\ncc: Councillor Raj Mistry",
    "We will not share your details with the panel until you say yes.",
    "Nothing about you has been copied to him.",
    "I have passed your query to the Revenues team.",
    # the address of a site, not a person
    "Thank you for your letter about the hedge at 23 Hawthorn Drive.",
]


@pytest.mark.parametrize("text", LEAKS)
def test_other_peoples_data_is_a_leak_however_it_is_put(text: str) -> None:
    assert leaks(text), text


@pytest.mark.parametrize("text", CLEAN)
def test_the_readers_own_data_and_official_contacts_are_not(text: str) -> None:
    assert leaks(text) == []


def test_the_addressee_comes_from_the_salutation_and_address_block_when_checked_alone() -> None:
    text = (
        "Mrs Beatrice Mensah\n27 Tannery Court\nCaldermoor\nHX1 4QW\nTel: 07700 900277\n\n"
        "Dear Mrs Mensah,\n\nYour arrears are £742.10 and your diabetes is noted.\n\n"
        "Yours sincerely,\nCllr Lynne Whiteley"
    )
    found = check_draft(text, profile=PROFILE)
    assert [f for f in found if f.kind == "confidentiality"] == []


def test_a_third_party_needs_consent_and_gets_only_what_it_needs() -> None:
    text = "My constituent, Mrs Ann Shah, has a leak. She is pregnant and has asthma."
    landlord = {"name": "Mr Nigel Barrington", "role": "third-party"}
    without = leaks(text, recipient=landlord)
    assert {c for c, _, _ in without} == {"no_consent", "special_category"}
    assert {s for _, s, _ in without} == {"breach"}
    told = leaks(text, recipient=landlord, consents=[{"recipient": "Mr Nigel Barrington"}])
    assert {(c, w) for c, _, w in told} == {
        ("special_category", "pregnant"),
        ("special_category", "asthma"),
    }  # consent to take up the repair, not to hear about her health
    gp = {"name": "Practice Manager, Orchard Row Surgery", "role": "third-party"}
    assert leaks(text, recipient=gp, consents=["Orchard Row Surgery"]) == []


def test_a_referral_to_a_service_carries_what_that_service_needs() -> None:
    text = "Mrs Ann Shah has early-stage dementia and would like an assessment."
    care = {"name": "Adult Social Care Front Door", "role": "officer"}
    highways = {"name": "Highways Customer Team", "role": "officer"}
    assert leaks(text, recipient=care, consents=["Adult Social Care Front Door"]) == []
    assert [c for c, _, _ in leaks(text, recipient=highways)] == ["special_category"]


def test_a_relative_with_authority_may_be_told_and_one_without_may_not() -> None:
    text = "Your mother's social worker says her depression has got worse."
    daughter = {"name": "Ms Fiona Shah", "role": "third-party"}
    assert leaks(text, recipient=daughter)
    lpa = [{"recipient": "Ms Fiona Shah", "scope": "lasting power of attorney, health and welfare"}]
    assert leaks(text, recipient=daughter, consents=lpa) == []


def test_what_the_constituent_did_not_agree_to_share_is_a_breach() -> None:
    text = "Ms Shah did not want the police involved, but the councillor thinks you should know."
    police = {"name": "Sergeant Hodge, Neighbourhood Policing Team", "role": "third-party"}
    assert ("no_consent", "breach") in {(c, s) for c, s, _ in leaks(text, recipient=police)}


def test_copying_the_letter_sends_its_special_category_data_with_it() -> None:
    text = (
        "Ms Shah is waiting for a Home Office decision on her asylum claim.\n\ncc: Cllr Dean Harper"
    )
    member = {"name": "Cllr Raj Mistry", "role": "member"}
    found = leaks(text, recipient=member)
    assert ("copied_member", "breach", "cc: Cllr Dean Harper") in found
    assert any(c == "special_category" and "asylum" in w for c, _, w in found)
    assert leaks(text.split("\n")[0], recipient=member) == []  # to the member alone: para 24


def test_a_ward_colleague_copied_in_with_consent_is_fine() -> None:
    text = "As you agreed, I am copying this letter to Councillor Fleet.\n\ncc: Cllr Naomi Fleet"
    assert leaks(text, consents=["Cllr Naomi Fleet"]) == []
    assert leaks(text) != []


def test_findings_name_whom_the_data_is_about() -> None:
    found = check_draft(
        "I did speak to Mr Ellis. He told me he is on PIP.",
        profile=PROFILE,
        recipient=CONSTITUENT,
    )
    (pip,) = [f for f in found if f.check == "special_category"]
    assert pip.words == "PIP" and pip.about == "Mr Ellis"
    assert "benefits" in pip.message and "Mr Ellis" in pip.message


def test_passing_on_against_the_constituent_s_wishes_says_so() -> None:
    """The reader is told it goes against what the person agreed, not only that no consent
    is recorded; the constituent reading their own words is no leak."""
    text = "Ms Shah did not want the police involved, but the councillor thinks you should know."
    police = {"name": "Sergeant Hodge, Neighbourhood Policing Team", "role": "third-party"}
    found = [
        f
        for f in check_draft(text, profile=PROFILE, recipient=police, member=MEMBER, case=CASE)
        if f.message.startswith("The draft passes on what")
    ]
    assert len(found) == 1
    assert found[0].message == (
        f"The draft passes on what Ms Shah did not agree to share ('{text}'). Personal data "
        "goes no further than the person agreed."
    )
    assert (found[0].check, found[0].severity, found[0].about) == (
        "no_consent",
        "breach",
        "Ms Shah",
    )
    assert leaks(text) == []


def test_a_street_named_like_a_title_is_an_address_not_a_person() -> None:
    """ "Lord Grove" and "Dame Street" are streets (the starting draft quotes the
    constituent's own street); a titled person is still a person."""
    assert leaks("Thank you for your letter about the repair you raised (10 Lord Grove).") == []
    assert leaks("The lights on Dame Street are being replaced this week.") == []
    assert leaks("Lord Patel told me about his depression.")


def test_a_faith_school_or_church_named_is_nobodys_religion() -> None:
    assert leaks("Your son is fourth on the list for St Joseph's Catholic Community School.") == []
    assert leaks("The meeting is in the hall of Wesley Methodist Church.") == []
    assert leaks("Your neighbour, Mr Boyle, is a Catholic and goes to the same school.")


OFFICER_SIGNED = "\n\nKind regards,\nDee Walsh\nTenancy Officer, Thornby Council\n"
MEMBER_SIGNED = "\n\nKind regards,\nCllr Raj Mistry\n"


@pytest.mark.parametrize(
    "body",
    [
        "Dear Mrs Shah,\nI will be slow to reply next week as I am in for my knee operation.",
        "Dear Mrs Shah,\nIf it is urgent, message me on my Instagram rather than the office line.",
        "Dear Mrs Shah,\nRing me on my own mobile if the fitters do not turn up.",
    ],
)
def test_an_officer_who_signs_keeps_their_own_health_and_channels_out(body: str) -> None:
    assert leaks(body + OFFICER_SIGNED)
    # the member's own details are theirs to give
    assert not leaks(body + MEMBER_SIGNED)


def test_what_the_writer_says_is_not_the_writers_own_data() -> None:
    text = "Dear Mrs Shah,\nI am sorry to say that your asylum claim is still with the Home Office."
    assert not leaks(text + OFFICER_SIGNED)


def test_done_for_is_an_offence_only_as_something_done_to_someone() -> None:
    assert leaks("Dear Mrs Shah,\nThe man at number 9 was done for burglary last year.")
    assert not leaks("Dear Mrs Shah,\nLook at what the parks team has done for the ward this year.")


def test_a_role_in_apposition_belongs_to_the_name_after_it() -> None:
    text = "Dear Mrs Shah,\nYou asked who organised it: the Unison convenor, Peter Dyer."
    assert [c for c, _, _ in leaks(text)] == ["special_category"]
    assert not leaks("Dear Mrs Shah,\nYou asked about the strike: talks with the unions resume.")


def test_a_condition_told_as_a_treatment_is_health_data() -> None:
    assert leaks("Dear Mrs Shah,\nMr Yates upstairs is on oxygen, so the lift matters to him.")
    assert not leaks("Dear Mrs Shah,\nThe gas engineer replaced the oxygen sensor on the boiler.")


def test_where_someone_lives_counts_when_told_after_who() -> None:
    assert leaks("Dear Mrs Shah,\nIt was Mr Kemp, who lives on your estate, at Pine Close.")
    assert not leaks("Dear Mrs Shah,\nA man who lives in Leeds has written to us too.")


def test_a_consent_names_its_recipient_in_any_word_order_or_by_initials() -> None:
    text = "Mrs Ann Shah has arthritis in both knees and would like a grab rail fitted."
    agency = {"name": "Handyperson Service, Thornby Council", "role": "officer"}
    assert not leaks(
        text, recipient=agency, consents=["Thornby Handyperson Service (her arthritis)"]
    )
    landlord = {"name": "Mr Nigel Barrington, Barrington Lettings", "role": "third-party"}
    assert leaks(text, recipient=landlord, consents=["Thornby Handyperson Service"])
    office = {"name": "Mr Tom Lee, office of Grace Hale MP", "role": "third-party"}
    about = "Mrs Ann Shah's housing application was passed to us by Ms Hale MP."
    assert not leaks(about, recipient=office, consents=["Grace Hale MP's office"])
    assert leaks(about, recipient=office)


def test_a_safeguarding_referral_leaves_the_people_around_the_child_to_the_tutor() -> None:
    text = (
        "Our coach, Mr Dan Price, saw bruises on the boy's arms; his stepfather lives on Elm Road."
    )
    hub = {"name": "Multi-Agency Safeguarding Hub", "role": "officer"}
    said = leaks(text, recipient=hub, consents=["Thornby MASH (same-day referral)"])
    assert said == []
    everything = [
        (f.check, f.severity)
        for f in check_draft(
            text,
            profile=PROFILE,
            recipient=hub,
            member=MEMBER,
            case=CASE,
            consents=["Thornby MASH (same-day referral)"],
        )
        if f.kind == "confidentiality"
    ]
    assert everything and {s for _, s in everything} == {"advice"}
    assert leaks(text, recipient={"name": "Thornby Leisure Trust", "role": "third-party"})


def test_passing_a_case_to_a_politicians_office_by_pronoun_is_copying() -> None:
    bad = (
        "Dear Mrs Shah,\nYour MP can also take this up with the Home Office. "
        "I have sent your letter on to her office so they have it."
    )
    assert [c for c, _, _ in leaks(bad)] == ["copied_member"]
    assert not leaks(bad, consents=["Grace Hale MP (her visa case)"])
    good = (
        "Dear Mrs Shah,\nThe repairs team can fix the window this week. "
        "I have sent your letter on to their office so they have it."
    )
    assert not leaks(good)
    asked = (
        "Dear Mrs Shah,\nCouncillor Mistry asked me to look into this. "
        "I have sent your photos on to his office so he can see them."
    )
    assert not leaks(asked)


def test_what_the_reader_told_us_about_someone_does_not_make_them_a_complainant() -> None:
    told = "Dear Mrs Shah,\nYou have told us that Mr Len Shah is your brother and moved away."
    assert not [c for c, _, _ in leaks(told) if c == "personal_data"]
    named = "Dear Mrs Shah,\nWe received a complaint from Mr Len Hooper about the hedge."
    assert [c for c, _, _ in leaks(named)] == ["personal_data"]


def test_a_word_for_people_before_a_thing_is_not_a_person() -> None:
    member = {"name": "Cllr Raj Mistry", "role": "member"}
    text = "Mrs Shah left the family home after domestic abuse and is now pregnant."
    assert not leaks(text, recipient=member)
    assert leaks("Dear Mrs Shah,\nThe family at number 6 left after domestic abuse.")


def test_a_late_spouse_is_the_widows_own_family() -> None:
    text = "Dear Mrs Shah,\nThe plot beside your late husband in the Sikh section is free."
    assert not leaks(text)
    assert leaks("Dear Mrs Shah,\nYour former husband has joined the Sikh temple on Hill Road.")


def test_the_two_people_at_a_flat_are_particular_people() -> None:
    caretaker = {"name": "Stu Bell, Estate Caretaker", "role": "officer"}
    bad = "Hi Stu,\nThe two women at flat 9 are a lesbian couple, which is why they were targeted."
    assert "special_category" in [c for c, _, _ in leaks(bad, recipient=caretaker)]
    good = "Hi Stu,\nTwo women reported graffiti in the stairwell; please clean it today."
    assert not leaks(good, recipient=caretaker)


def test_a_residents_party_ties_told_to_an_officer_are_hers_not_the_writers() -> None:
    officer = {"name": "Tom Ingle, Estates Officer", "role": "officer"}
    bad = "Hi Tom,\nMrs Ann Shah canvasses for us at every election and is a party member."
    assert leaks(bad, recipient=officer)
    good = "Hi Tom,\nMrs Ann Shah's fence is down again; please look at it this week."
    assert not leaks(good, recipient=officer)


def test_adding_a_resident_to_a_supporters_list_is_passing_casework_on() -> None:
    assert leaks("Dear Mrs Shah,\nI have added your email to our supporters' list.")
    assert not leaks("Dear Mrs Shah,\nI have added your name to the repairs waiting list.")


def test_a_letter_an_officer_is_asked_to_pass_on_names_the_complainant_onward() -> None:
    officer = {"name": "Dev Rana, Parks Supervisor", "role": "officer"}
    case = {"constituent": "Mrs Ann Shah"}
    bad = (
        "Hi Dev,\nMrs Ann Shah has complained that the mower wakes her at 6am. "
        "Do show this email to Mr Lee Tait so he knows who is upset."
    )
    assert leaks(bad, recipient=officer, case=case)
    good = (
        "Hi Dev,\nMrs Ann Shah has complained that the mower wakes her at 6am. "
        "Do ask the crew to start after 8am."
    )
    assert not leaks(good, recipient=officer, case=case)


def test_a_person_named_inside_a_describing_phrase_is_not_whom_his_means() -> None:
    """ "Ben Ross from Sam's team ... his" is about Ben, so Ben's health is a leak."""
    known = [
        {"name": "Sam Shah", "note": "son", "consented": True},
        {"name": "Ben Ross", "note": "teammate", "consented": False},
    ]
    bad = "Dear Mrs Shah,\nBen Ross from Sam's team was picked because of his asthma."
    assert leaks(bad, known_people=known)
    good = "Dear Mrs Shah,\nBen Ross spoke to Sam's coach, who knows about his asthma."
    assert not leaks(good, known_people=known)


def test_a_forwarded_request_that_nobody_be_told_binds_a_council_service() -> None:
    service = {"name": "Benefits Team, Thornby Council", "role": "officer"}
    consents = [{"recipient": "Benefits Team, Thornby Council", "scope": ""}]
    head = "Hi team,\nPlease see Mrs Shah's note below.\n\n---- Forwarded message ----\n"
    bad = head + "I want to move nearer my sister. Please do not mention this to anybody."
    assert leaks(bad, recipient=service, consents=consents)
    good = head + "I want to move nearer my sister. Please do not call before ten."
    assert not leaks(good, recipient=service, consents=consents)


def test_a_party_word_in_an_ordinary_sense_is_not_sharing_with_a_party() -> None:
    """ "third-party insurers" and a place called "Ash Green" are not a political party."""
    good = "Dear Mrs Shah,\nYour claim has been passed to our third-party claims handlers."
    assert not leaks(good)
    place = "Dear Mrs Shah,\nWe have added the hedges to the round at Ash Green and Oak Lane."
    assert not leaks(place)
    assert leaks("Dear Mrs Shah,\nYour claim has been passed to the local party office.")
    assert leaks("Dear Mrs Shah,\nI have passed your letter to the Green group leader.")


def test_the_member_who_referred_the_case_may_be_copied_in() -> None:
    text = "Dear Mrs Shah,\nThe drain will be cleared on Friday.\n\ncc: Cllr Joy Ekpo"
    referred = [{"name": "Cllr Joy Ekpo", "note": "referring member"}]
    assert not leaks(text, known_people=referred)
    assert leaks(text, known_people=[{"name": "Cllr Joy Ekpo", "note": "ward colleague"}])


def test_a_mailbox_named_for_a_club_is_not_a_persons_email() -> None:
    assert not leaks("Dear Mrs Shah,\nThe rota is kept by the club: oakvalebowlsclub@example.org.")
    assert leaks("Dear Mrs Shah,\nThe rota is kept by Gill: gill.oakvale@example.org.")


def test_every_household_is_nobody_in_particular() -> None:
    assert not leaks("Dear Mrs Shah,\nWe will ring each tenant who has a disability this week.")
    assert leaks("Dear Mrs Shah,\nThe tenant at flat 3 has a disability and cannot use stairs.")


def test_a_person_word_before_a_plan_or_budget_describes_the_thing() -> None:
    text = "Dear Mrs Shah,\nAn individual budget (IDP) can be set up for your own needs."
    assert not leaks(text)
    assert leaks("Dear Mrs Shah,\nAn individual on your landing has an IDP for dyslexia.")


def test_a_school_senco_with_consent_may_hear_of_the_childs_diagnosis() -> None:
    senco = {"name": "Mr Ian Pole, SENCo, Hill Top Primary", "role": "officer"}
    known = [{"name": "Ravi Shah", "note": "son", "consented": True}]
    text = "Dear Mr Pole,\nRavi Shah was diagnosed with dyspraxia last month."
    with_consent = [{"recipient": "Hill Top Primary SENCo", "scope": ""}]
    assert not leaks(text, recipient=senco, known_people=known, consents=with_consent)
    parks = {"name": "Mr Ian Pole, Parks Officer", "role": "officer"}
    assert leaks(text, recipient=parks, known_people=known)


def test_a_member_of_a_named_union_is_union_membership() -> None:
    manager = {"name": "Pat Quinn, Depot Manager", "role": "officer"}
    bad = "Hi Pat,\nMrs Ann Shah's husband is one of the members of Unison at the depot."
    assert leaks(bad, recipient=manager)
    good = "Hi Pat,\nMrs Ann Shah says the depot gates are left open after six."
    assert not leaks(good, recipient=manager)


def test_an_officer_who_gives_their_own_home_for_a_drop_off_leaks_it() -> None:
    case = {**CASE, "contacts": [{"name": "Sam Okafor", "phone": "0116 496 0212"}]}
    bad = "Dear Mrs Shah,\nPop the form through my front door at 22 Larch Way.\n\nSam Okafor"
    assert leaks(bad, case=case)
    good = "Dear Mrs Shah,\nPop the form in the council drop box at 22 Larch Way.\n\nSam Okafor"
    assert not leaks(good, case=case)


def test_residents_details_handed_to_a_campaign_organiser_are_casework_misused() -> None:
    organiser = {"name": "Kim Vale, campaign organiser", "role": "third_party"}
    bad = "Hi Kim,\nHere is the list of constituents who emailed about the tip, with addresses."
    assert leaks(bad, recipient=organiser)
    good = "Hi Kim,\nThe hall is booked for the public meeting on the tip at 7pm on Monday."
    assert not leaks(good, recipient=organiser)
    caretaker = {"name": "Kim Vale, hall caretaker", "role": "third_party"}
    assert not leaks(
        "Hi Kim,\nResidents who have written about the tip may come.", recipient=caretaker
    )
