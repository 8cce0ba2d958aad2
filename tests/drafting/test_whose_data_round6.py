"""Whose data a letter gives, and whether this reader may have it, for the mechanisms round 6
added; each both ways on hand-written letters:

- a parent acting for a young child the case records as theirs, not for an adult child;
- a repairs service needs the household's health (damp and mould priority);
- a referral whose letter says the person agreed, by their own name, not a relative's;
- an address said to be on a public register is advice, not a leak;
- a family by its surname ("the Hendersons at number 6") is someone;
- a landline straight after "by calling" is the line one calls, a mobile is still theirs;
- "you are a single parent" is the reader; "if anyone in the household" is nobody;
- an ex-partner is not the reader's household, and their address is theirs;
- casework put on a party's records is a leak; saying it never is, is not;
- "signed off" is sick leave only in that sense.
"""

from __future__ import annotations

from typing import Any

import pytest

from casekit.drafting import check_draft
from casekit.drafting.checks.context import build_context
from casekit.drafting.rules import drafting_rules
from casekit.rules.profile import load_profile

PROFILE = load_profile("default")
MEMBER = {"name": "Cllr Ann Reid"}


def letter(body: str, greeting: str = "Dear Mr Bell,") -> str:
    return f"{greeting}\n\n{body}\n\nYours sincerely,\n\nJo Moss\nCaseworker to Cllr Ann Reid\n"


def leaks(text: str, **kwargs: Any) -> list[tuple[str, str, str]]:
    options: dict[str, Any] = {
        "recipient": {"name": "Mr Adam Bell", "role": "constituent"},
        "case": {"constituent": "Mr Adam Bell"},
        "member": MEMBER,
    }
    options.update(kwargs)
    return [
        (f.check, f.severity, f.words)
        for f in check_draft(text, profile=PROFILE, **options)
        if f.kind == "confidentiality" and f.above_advice
    ]


# -- a parent acting for a young child --------------------------------------------------------
CHILD_LETTER = letter(
    "Thank you for telling me about Osian's short breaks. I understand how hard the summer "
    "was after his autism diagnosis.",
    "Dear Mrs Rees,",
)


def _to_parent(constituent: Any) -> list[tuple[str, str, str]]:
    return leaks(
        CHILD_LETTER,
        recipient={"name": "Mrs Nia Rees", "role": "constituent"},
        case={"constituent": constituent},
    )


@pytest.mark.parametrize(
    "constituent",
    [
        {"name": "Osian Rees", "note": "reader's son"},
        {"name": "Osian Rees", "relationship": "son"},
        {"name": "Osian Rees", "relation": "son, aged 9"},
    ],
)
def test_a_young_childs_data_goes_to_the_parent(constituent: dict[str, str]) -> None:
    assert _to_parent(constituent) == []


@pytest.mark.parametrize(
    "constituent",
    [
        {"name": "Osian Rees", "note": "adult son"},
        {"name": "Osian Rees", "note": "son, aged 22"},
        {"name": "Osian Rees", "note": "son, 19 years old"},
        {"name": "Osian Rees", "note": "not the reader's child"},
        {"name": "Osian Rees", "note": "neighbour"},
        "Osian Rees",
    ],
)
def test_an_adult_or_unrelated_persons_data_does_not(constituent: Any) -> None:
    assert any(check == "special_category" for check, _, _ in _to_parent(constituent))


def test_the_relationship_the_intake_form_records_is_read() -> None:
    """The case record's ``relationship`` (what the intake form stores) names the relative
    "your son" means."""
    ctx = build_context(
        letter("Your son's asthma is noted."),
        rules=drafting_rules(PROFILE),
        member=MEMBER,
        recipient={"name": "Mr Adam Bell", "role": "constituent"},
        case={"constituent": "Mr Adam Bell"},
        consents=(),
        known_people=[{"name": "Leo Bell", "relationship": "son"}],
        pre_election=False,
    )
    assert [k.relation for k in ctx.known if k.name == "Leo Bell"] == ["son"]
    assert [k.who for k in ctx.known if k.name == "Leo Bell"] == ["covered"]


# -- a repairs service needs the household's health --------------------------------------------
REPAIRS = letter(
    "Cllr Reid is referring this case with the tenant's written agreement. Ms Carys Hollins "
    "lives at 7 Larch Court with her son, aged 4, who has asthma made worse by the mould.",
    "Hello,",
)


def _to_service(text: str, service: str, **kwargs: Any) -> list[tuple[str, str, str]]:
    return leaks(
        text,
        recipient={"name": service, "role": "officer"},
        case={"constituent": "Ms Carys Hollins"},
        consents=[service],
        **kwargs,
    )


def test_a_repairs_service_may_know_the_households_health() -> None:
    assert _to_service(REPAIRS, "Housing Repairs (Disrepair Team)") == []


def test_a_service_that_does_not_need_it_may_not() -> None:
    found = _to_service(REPAIRS, "Parking Services")
    assert any(check == "special_category" for check, _, _ in found)


# -- consent stated in a referral ------------------------------------------------------------
def _carers(sentence: str) -> list[tuple[str, str, str]]:
    text = letter(
        "Mr Dennis Cole cares full-time for his wife, Mrs Pamela Cole, who has Alzheimer's "
        f"disease. {sentence} He would like to know about respite.",
        "Hello,",
    )
    return leaks(
        text,
        recipient={"name": "Carers' Support Service", "role": "officer"},
        case={"constituent": "Mr Dennis Cole"},
        consents=["Carers' Support Service"],
        known_people=["Mrs Pamela Cole"],
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Both Mr and Mrs Cole have signed the consent form for this referral.",
        "Mrs Cole has agreed to us sharing this with you.",
        "Pamela Cole gave her consent on 3 May.",
    ],
)
def test_a_person_the_letter_says_agreed_is_advice_to_check(sentence: str) -> None:
    assert _carers(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr Cole has signed the consent form for this referral.",
        "Mrs Cole has not agreed to us sharing this with you.",
        "Mr Cole says his wife would be happy for us to refer her, but she has not been asked.",
        "",
    ],
)
def test_anyone_else_agreeing_does_not_cover_her(sentence: str) -> None:
    assert any(check == "special_category" for check, _, _ in _carers(sentence))


# -- a public register ---------------------------------------------------------------------
def test_an_applicant_on_the_public_register_is_advice() -> None:
    text = letter(
        "The application was submitted by Mr and Mrs Kettering of 15 Quarry Hill and is on "
        "the public register at planning.example.gov.uk."
    )
    assert leaks(text) == []


def test_an_objectors_address_not_said_to_be_public_is_a_leak() -> None:
    text = letter("The objection came from Mr and Mrs Kettering of 15 Quarry Hill.")
    assert "home_address" in [c for c, _, _ in leaks(text)]


# -- a family by its surname -----------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "The Hendersons at number 6 are lifelong members of the other lot.",
        "The Okafors next door are on Universal Credit.",
        "I spoke to the Patels, who told me their son has been excluded from school.",
    ],
)
def test_a_family_named_by_its_surname_is_someone(body: str) -> None:
    assert leaks(letter(body))


@pytest.mark.parametrize(
    "body",
    [
        "The Greens at County Hall tabled a motion on the budget.",
        "The Meadows estate is on the list for new bins.",
        "The Friends of Mill Park have offered to help.",
    ],
)
def test_a_party_place_or_group_is_not_a_family(body: str) -> None:
    assert leaks(letter(body)) == []


# -- numbers to call -------------------------------------------------------------------------
def test_a_landline_after_by_calling_is_the_line_one_calls() -> None:
    text = letter(
        "You can refer your father, with his agreement, by calling 020 7946 0620 or emailing "
        "independent.living@example.gov.uk."
    )
    assert leaks(text) == []


@pytest.mark.parametrize(
    "body",
    [
        "You can reach Mr Jones by calling 07700 900123.",
        "You can reach Mr Jones by calling +44 7700 900123.",
        "Mr Jones at number 4 is happy for you to ring him on 0113 496 0123.",
    ],
)
def test_a_persons_number_is_still_theirs(body: str) -> None:
    assert any(check == "contact_details" for check, _, _ in leaks(letter(body)))


# -- who a description is ----------------------------------------------------------------------
def test_you_are_a_single_parent_is_the_readers_own() -> None:
    text = letter("You told me you are a single parent receiving Universal Credit.")
    assert leaks(text) == []


@pytest.mark.parametrize(
    "body",
    [
        "Your neighbour is a single parent receiving Universal Credit.",
        "She is a single parent receiving Universal Credit.",
    ],
)
def test_someone_else_described_is_theirs(body: str) -> None:
    assert any(check == "special_category" for check, _, _ in leaks(letter(body)))


def test_anyone_in_the_household_is_nobody_in_particular() -> None:
    text = letter("If anyone in the household now has a health condition, ask for a review.")
    assert leaks(text) == []


def test_someone_in_a_household_at_an_address_is_someone() -> None:
    text = letter("Someone in the household at number 4 has cancer.")
    assert any(check == "special_category" for check, _, _ in leaks(text))


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("Your ex-partner's new address is 5 Marsh Lane.", "home_address"),
        ("Your ex-partner is on Universal Credit.", "special_category"),
        ("As your ex-wife is disabled, she can apply too.", "special_category"),
    ],
)
def test_an_ex_partner_is_not_the_readers_household(body: str, check: str) -> None:
    assert check in [c for c, _, _ in leaks(letter(body))]


def test_a_husbands_data_written_to_his_wife_is_the_household() -> None:
    text = letter("Your husband's stroke means the OT will visit.", "Dear Mrs Bell,")
    reader = {"name": "Mrs Eve Bell", "role": "constituent"}
    assert leaks(text, recipient=reader, case={"constituent": "Mrs Eve Bell"}) == []


# -- a party's records -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "I've logged your case and your phone number on our party's Connect system.",
        "I have added you to our campaign mailing list.",
        "Your details are now on the canvassing database, so a volunteer will call.",
    ],
)
def test_casework_put_on_party_records_is_a_leak(body: str) -> None:
    assert any(sev == "breach" for _, sev, _ in leaks(letter(body)))


@pytest.mark.parametrize(
    "body",
    [
        "Your details are held on the council's casework system only and never go on any "
        "party database.",
        "We do not add casework to campaign records.",
    ],
)
def test_saying_casework_stays_off_party_records_is_not(body: str) -> None:
    assert leaks(letter(body)) == []


# -- signed off ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Mr Grant next door has been signed off sick for six weeks.",
        "Mr Grant next door is signed off work with stress.",
        "Mr Grant next door was signed off by his GP in May.",
    ],
)
def test_signed_off_sick_is_health(body: str) -> None:
    assert any(check == "special_category" for check, _, _ in leaks(letter(body)))


def test_repairs_signed_off_by_the_tenants_are_not() -> None:
    text = letter("All 14 repairs have been completed and signed off by the tenants.")
    assert leaks(text) == []


# -- authority recorded for the reader; what the leak model reads ---------------------------
def test_an_attorney_recorded_as_a_consent_may_know_the_persons_health() -> None:
    text = letter(
        "As you hold a lasting power of attorney for your mother, Mrs Joan Price, I can tell "
        "you that her care needs assessment is booked. Her dementia has been taken into "
        "account.",
        "Dear Mrs Bell,",
    )
    reader = {"name": "Mrs Eve Bell", "role": "constituent"}
    case = {"constituent": "Mrs Joan Price"}
    assert leaks(text, recipient=reader, case=case) != [], "without the authority: a leak"
    consents = ["Mrs Eve Bell (lasting power of attorney for health and welfare)"]
    assert leaks(text, recipient=reader, case=case, consents=consents) == []


SAFEGUARDING = (
    "To: Children's Services Front Door\n\nSame-day safeguarding referral, with the mother's "
    "consent. Ms Kelly Dunn, 4 Rose Court, says her partner, Jason Webb, hit her son Tyler "
    "(6) last night. Tyler has a bruise on his arm. Ms Dunn is frightened and wants help.\n\n"
    "Jo Moss\nCaseworker to Cllr Ann Reid\n"
)


def _referral(consents: list[str]) -> list[tuple[str, str, str]]:
    return leaks(
        SAFEGUARDING,
        recipient={"name": "Children's Services Front Door", "role": "officer"},
        case={"constituent": "Ms Kelly Dunn"},
        consents=consents,
    )


def test_a_safeguarding_referral_is_left_to_the_rules_and_the_tutor() -> None:
    found = _referral(["Children's Services Front Door (safeguarding referral)"])
    assert not [f for f in found if f[0] == "personal_resemblance"], found
    assert found == []


def test_the_same_details_to_a_reader_without_a_basis_are_still_questioned() -> None:
    found = leaks(
        SAFEGUARDING,
        recipient={"name": "Mr Dave Carter", "role": "third-party"},
        case={"constituent": "Ms Kelly Dunn"},
    )
    assert found


# -- from the spent seventh set ---------------------------------------------------------------
def test_a_child_of_the_household_is_the_familys_business() -> None:
    text = letter(
        "Because Amir's EHC plan names Brookside, he qualifies for transport. You told us he "
        "finds noisy buses hard because of his autism.",
        "Dear Mr and Mrs Haddad,",
    )
    reader = {"name": "Mr and Mrs Haddad", "role": "constituent"}
    assert leaks(text, recipient=reader, case={"constituent": "Amir Haddad"}) == []
    # the same words about another family's child, to these parents, are a leak
    other = {"constituent": "Mr and Mrs Haddad"}
    assert leaks(text.replace("Amir", "Tomasz Nowak"), recipient=reader, case=other)


@pytest.mark.parametrize(
    "body",
    [
        "Your MP, Daniel Kerr, raised the pool in a debate last week.",
        "The Mayor, Sadia Khan, opened the new wing on Friday.",
    ],
)
def test_a_public_figure_in_a_public_role_is_not_a_leak(body: str) -> None:
    assert leaks(letter(body)) == []


def test_a_private_person_in_the_same_place_is() -> None:
    found = leaks(letter("Your neighbour, Daniel Kerr, raised the noise with us."))
    assert [c for c, _, _ in found] == ["personal_data"]


def test_an_applicant_named_with_the_public_register_is_advice() -> None:
    body = (
        "The applicant, Mr Hamish Drummond, has submitted a heritage statement, which is on "
        "the planning register with the drawings."
    )
    assert leaks(letter(body)) == []


@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("As a secure tenant at 15 Clement House, you are entitled to vote.", False),
        ("As the tenant at 15 Clement House is disabled, the lift will be fixed first.", True),
        ("As a tenant at number 4 has a conviction, you should be careful.", True),
    ],
)
def test_as_a_tenant_you_is_the_reader(body: str, leak: bool) -> None:
    assert bool(leaks(letter(body))) is leak


def test_passing_on_congratulations_copies_nobody_in() -> None:
    body = "Please pass my congratulations to the Cabinet Member for Transport."
    assert leaks(letter(body)) == []
    assert leaks(letter("I have passed your email to the Cabinet Member for Transport."))


@pytest.mark.parametrize(
    "body",
    [
        "I've put your name and email onto my list of local supporters.",
        "Mrs Bello is out every weekend with our leaflets and has a window poster up.",
        "Mr Hill at number 3 delivers our party leaflets.",
    ],
)
def test_party_work_and_supporters_lists_are_caught(body: str) -> None:
    assert leaks(letter(body))


@pytest.mark.parametrize(
    "body",
    [
        "The library volunteers are on our list of helpers for the summer reading scheme.",
        "Please put a poster about the fun day in your window.",
    ],
)
def test_helpers_and_posters_for_the_council_are_not(body: str) -> None:
    assert leaks(letter(body)) == []


@pytest.mark.parametrize("name", ["Mr Hill", "Mrs Green", "Ms Lane", "Miss Wood"])
def test_a_surname_that_is_also_a_street_word_is_a_person(name: str) -> None:
    assert leaks(letter(f"{name} at number 4 has dementia."))


def test_a_street_named_after_a_title_is_a_street() -> None:
    assert leaks(letter("The bins on Lord Street and Dame Street were missed.")) == []


@pytest.mark.parametrize(
    ("body", "leak"),
    [
        ("Your upstairs neighbour works nights and suffers from migraines.", True),
        ("Mr Grant next door has been suffering from depression.", True),
        ("The street suffers from flooding every winter.", False),
        ("Mrs Hill suffers from the noise of the bins like everyone else.", False),
    ],
)
def test_suffering_from_a_condition_is_health(body: str, leak: bool) -> None:
    found = [c for c, _, _ in leaks(letter(body))]
    assert ("special_category" in found) is leak, found
