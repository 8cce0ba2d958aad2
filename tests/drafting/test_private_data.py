"""Confidentiality by meaning and by whose data it is, both ways, on letters written for
these tests: private channels and homes given in words, people named without a title,
house numbers in lists, forwarded confidences, another member, a resident who is not the
constituent, and the readers who may have it (couples, representatives, offices, relatives
the case lists, consent read by meaning)."""

from __future__ import annotations

from typing import Any

import pytest

from casekit.drafting import check_draft
from casekit.rules.profile import load_profile

PROFILE = load_profile("default")
READER = {"name": "Mrs Ann Lowe", "role": "constituent"}
CASE = {
    "constituent": "Mrs Ann Lowe",
    "contacts": [{"name": "Tom Hart", "phone": "0113 496 0123"}],
}


def leaks(text: str, **kwargs: Any) -> list[tuple[str, str]]:
    kwargs.setdefault("recipient", READER)
    kwargs.setdefault("case", CASE)
    return [
        (f.check, f.words)
        for f in check_draft(text, profile=PROFILE, **kwargs)
        if f.kind == "confidentiality" and f.above_advice
    ]


def letter(body: str) -> str:
    return f"Dear Mrs Lowe,\n\n{body}\n\nYours sincerely,\nHousing"


LEAKS = [
    "Your neighbour Mr Pike has been in a psychiatric unit since March.",
    "The family at number 9 are waiting for a Home Office decision.",
    "Tom Hart is off at the moment as he is having chemotherapy.",
    "If you can't get hold of Tom, text him on his personal mobile.",
    "Tom lives on the estate himself, at number 40.",
    "Message her on her personal Facebook page; she sees it in the evenings.",
    "The man upstairs, Mr Reid, was released from prison in January.",
    "The boy next door has been excluded from school twice this term.",
    "The woman at number 3 has started drinking heavily since losing her job.",
    "Jayden Reilly in the same class has ADHD too.",
    "Her lad Callum was arrested last month.",
    "Mr and Mrs Potts at 11, Mrs Schofield at 17 and Mr Rao at 19 all signed it.",
    "Mr P. Cole, 3 Orchard House - Band B (medical: terminal cancer)",
    "Your former partner is now staying at the Meadowbank refuge.",
    "The men who run it, who are Kurdish brothers from Iraq, have agreed to move the cars.",
    "I've forwarded the whole thing, your address included, to Hayley at the Evening Chronicle.",
    "I have passed your details to our campaign organiser so she can keep in touch.",
]
CLEAN = [
    "I am sorry to hear about your hip operation; the adaptations team will visit on 3 May.",
    "As you explained, your husband has dementia, so the assessor will see you both at home.",
    "You can contact Tom Hart, your housing officer, on 0113 496 0123.",
    "The site manager, Dave Price, can be reached on his work mobile, 07700 900123.",
    "The mental health team at St Mary's can be reached on 0300 123 4567.",
    "People who live on Marsh Road have also reported the potholes.",
    "The landlord, Mr Gary Cole, lives in Spain, so his agent deals with repairs.",
    "Four households in your block are in arrears, so the landlord is reviewing the charge.",
    "Mrs Davies, the SENCO, will meet you on Tuesday to discuss Sam's support.",
    "The contractor fractured the water main outside the house and will repair it today.",
    "The ash tree outside the house has ash dieback disease and will be felled.",
    "I have added your details to our database so the repairs team can contact you.",
    "I have passed your question to the press office, who will reply about the statement.",
    "Mr Bell will call at 11.30 on Monday.",
    "Refugee Week events are listed on the council website.",
]


@pytest.mark.parametrize("body", LEAKS)
def test_personal_data_the_reader_may_not_have_is_found(body: str) -> None:
    assert leaks(letter(body)), body


@pytest.mark.parametrize("body", CLEAN)
def test_what_is_theirs_public_or_official_is_not(body: str) -> None:
    assert leaks(letter(body)) == [], body


def test_a_forwarded_confidence_leaks_to_a_resident_but_not_to_the_officer_handling_it() -> None:
    text = (
        "Dear Mr Hurst,\n\nI attach the objection we received.\n\n"
        "---------- Forwarded message ----------\nFrom: Jean Rowe\n"
        "Please keep my name confidential. The extension will block my light.\n\nPlanning"
    )
    case = {"constituent": "Mr Paul Hurst"}
    assert leaks(text, recipient={"name": "Mr Paul Hurst", "role": "third-party"}, case=case)
    assert (
        leaks(text, recipient={"name": "Planning Enforcement", "role": "officer"}, case=case) == []
    )


def test_a_recorded_wish_kept_is_good_practice_and_one_overridden_is_not() -> None:
    case = {"constituent": "Mr Vikram Patel"}
    to = {"name": "Adult Social Care Front Door", "role": "officer"}
    kept = (
        "Dear colleagues,\n\nMr Vikram Patel does not want his son contacted at this stage.\n\nJo"
    )
    overridden = (
        "Dear colleagues,\n\nMr Vikram Patel does not want his son contacted, but I think "
        "you should call him anyway.\n\nJo"
    )
    assert leaks(kept, recipient=to, case=case) == []
    assert leaks(overridden, recipient=to, case=case)


def test_a_member_who_is_not_the_cases_needs_consent() -> None:
    body = (
        "Dear Cllr Ferris,\n\nMr Alan Prentice has been signed off work with depression.\n\nBecky"
    )
    case = {"constituent": "Mr Alan Prentice"}
    member = {"name": "Cllr Amina Yusuf"}
    other = {"name": "Cllr Graham Ferris", "role": "member"}
    assert leaks(body, recipient=other, case=case, member=member)
    assert (
        leaks(body, recipient=other, case=case, member=member, consents=["Cllr Graham Ferris"])
        == []
    )
    own = {"name": "Cllr Amina Yusuf", "role": "member"}
    assert leaks(body.replace("Ferris", "Yusuf"), recipient=own, case=case, member=member) == []


def test_the_constituent_named_to_the_neighbour_they_complained_about_is_a_leak() -> None:
    body = (
        "Dear Mr Crossley,\n\nMrs June Gordon at number 7 has complained about your hedge."
        "\n\nCllr Nigel Hart"
    )
    to = {"name": "Mr Ian Crossley", "role": "constituent"}
    case = {"constituent": "Mrs June Gordon"}
    assert leaks(body, recipient=to, case=case)
    # written to her, it is her own
    her = {"name": "Mrs June Gordon", "role": "constituent"}
    assert leaks(body.replace("Mr Crossley", "Mrs Gordon"), recipient=her, case=case) == []


@pytest.mark.parametrize(
    ("reader", "constituent", "named"),
    [
        ("Mr and Mrs Castellano", "Mr Marco Castellano", "Mr Castellano"),  # a couple
        ("Ms Daisy Lambourne (Eastbank Pantry)", "Eastbank Pantry", "Eastbank Pantry"),
        ("Office of Ms Harleen Bains MP", "Ms Harleen Bains", "Ms Bains"),  # an office
    ],
)
def test_readers_who_are_or_speak_for_the_constituent(
    reader: str, constituent: str, named: str
) -> None:
    body = f"Dear colleagues,\n\n{named} has rent arrears of £400.\n\nHousing"
    to = {"name": reader, "role": "third-party"}
    assert leaks(body, recipient=to, case={"constituent": constituent}) == []
    # the same words to someone else are the constituent's data without consent
    stranger = {"name": "Mr Nobody Else", "role": "third-party"}
    assert leaks(body, recipient=stranger, case={"constituent": constituent})


def test_a_relative_the_case_lists_is_whoever_the_case_says() -> None:
    body = (
        "Dear Mrs Smith,\n\nThe care home has told me your brother's dementia has got worse."
        "\n\nCllr Jo Bell"
    )
    to = {"name": "Mrs Ann Smith", "role": "constituent"}
    case = {"constituent": "Mrs Ann Smith"}
    agreed = [{"name": "Tom Smith", "note": "brother, has agreed", "consented": True}]
    assert leaks(body, recipient=to, case=case, known_people=agreed) == []
    assert leaks(body, recipient=to, case=case)


def test_consent_is_read_by_meaning() -> None:
    body = (
        "Dear colleagues,\n\nMr Benedict Aguda is a wheelchair user and had a stroke in March."
        "\n\nHousing Options"
    )
    to = {"name": "Greenvale Homes", "role": "third-party"}
    case = {"constituent": "Mr Benedict Aguda"}
    scope = [{"recipient": "Greenvale Homes", "scope": "his diagnosis and mobility needs"}]
    assert leaks(body, recipient=to, case=case, consents=scope) == []
    narrow = [{"recipient": "Greenvale Homes", "scope": "his housing application"}]
    assert leaks(body, recipient=to, case=case, consents=narrow)
