"""What a confidentiality finding tells the learner: its check, severity, rule, whom it is
about and its message, on short hand-written letters, both ways. The concept rules alone:
the resemblance model's second opinion is tested in test_resemblance.py."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from casekit.drafting import Finding, check_draft
from casekit.errors import CasekitError
from tests.drafting.profiles import concept_rules_only

PROFILE = concept_rules_only()
SOURCES = PROFILE.drafting["confidentiality"]["sources"]
CONSTITUENT = {"name": "Mrs Ann Shah", "role": "constituent"}
MEMBER = {"name": "Cllr Raj Mistry", "role": "member"}
POLICE = {"name": "Sergeant Hodge, Neighbourhood Policing Team", "role": "third-party"}
PARKS = {"name": "Dev Rana, Parks Supervisor", "role": "officer"}
CASE = {"constituent": "Mrs Ann Shah"}


def confidentiality(text: str, recipient: dict[str, str], **kwargs: Any) -> list[Finding]:
    found = check_draft(
        text,
        profile=PROFILE,
        recipient=recipient,
        member={"name": "Cllr Raj Mistry"},
        case=CASE,
        **kwargs,
    )
    return [f for f in found if f.kind == "confidentiality"]


# -- what the constituent did not agree to --------------------------------------------------


def against_wishes(text: str) -> list[Finding]:
    return [
        f for f in confidentiality(text, POLICE) if f.message.startswith("The draft passes on what")
    ]


def test_a_wish_overridden_straight_after_it_is_a_breach_citing_consent() -> None:
    text = "Ms Shah did not want the police involved but we think you should know."
    (f,) = against_wishes(text)
    assert (f.check, f.severity, f.about, f.words) == ("no_consent", "breach", "Ms Shah", text)
    assert f.rule == SOURCES["no_consent"]


def test_only_the_constituents_own_wish_is_theirs_to_override() -> None:
    """Someone else's wish is not the constituent's consent (their name is its own leak)."""
    other = "Mr Ellis did not want the police involved, but the councillor thinks you should know."
    assert against_wishes(other) == []
    both = (
        "Mr Ellis did not want his son contacted and Ms Shah did not want the police "
        "involved, but the councillor thinks you should know."
    )
    assert [f.about for f in against_wishes(both)] == ["Ms Shah"]


def test_a_wish_recorded_and_kept_is_good_practice() -> None:
    kept = "Ms Shah does not want the police involved, so we have not told them."
    assert against_wishes(kept) == []
    assert against_wishes("Ms Shah does not want the police involved.") == []


# -- a third party without consent ----------------------------------------------------------


def test_writing_to_a_third_party_without_consent_names_the_reader_and_the_rule() -> None:
    text = "Ms Shah has asked us to look into the noise from the flat above."
    (f,) = [f for f in confidentiality(text, POLICE) if f.check == "no_consent"]
    assert (f.severity, f.words, f.about) == ("breach", "Ms Shah", POLICE["name"])
    assert f.rule == SOURCES["no_consent"]
    assert f.message == (
        "The draft is addressed to Sergeant Hodge, Neighbourhood Policing Team, and there is "
        "no recorded consent from the constituent to share the case with them."
    )
    assert [f for f in confidentiality(text, POLICE, consents=[POLICE["name"]])] == []


# -- a forwarded message asking for confidence ------------------------------------------------


def test_forwarding_a_message_written_in_confidence_is_a_consent_breach() -> None:
    text = (
        "Dear Mr Cole,\nPlease see the note below.\n\n---- Forwarded message ----\n"
        "The van is there every night. Please keep my name confidential."
    )
    (f,) = [
        f
        for f in confidentiality(text, {"name": "Mr Ray Cole", "role": "constituent"})
        if f.words == "keep my name confidential"
    ]
    assert (f.check, f.severity) == ("no_consent", "warning")
    assert f.rule == SOURCES["no_consent"]
    assert f.message == (
        "The draft forwards a message whose writer asked for confidence ('keep my name "
        "confidential'). Take it out, or say what was raised without who raised it."
    )


def test_a_request_for_confidence_anywhere_below_the_first_forwarded_marker_counts() -> None:
    text = (
        "Dear Mr Cole,\nPlease see the note below.\n\n---- Forwarded message ----\n"
        "The van is there every night. Please keep my name confidential.\n\n"
        "-----Original Message-----\nCan you ask about the van?"
    )
    found = confidentiality(text, {"name": "Mr Ray Cole", "role": "constituent"})
    assert [f.words for f in found] == ["keep my name confidential"]


@pytest.mark.parametrize(
    ("key", "recipient"),
    [("against_wishes", POLICE), ("confidence_requests", CONSTITUENT)],
)
def test_a_centres_broken_pattern_is_refused_naming_its_list(
    key: str, recipient: dict[str, str]
) -> None:
    drafting = copy.deepcopy(PROFILE.drafting)
    drafting["confidentiality"][key] = ["... wishes"]
    broken = dataclasses.replace(PROFILE, drafting=drafting)
    text = "Dear Sir,\n---- Forwarded message ----\nMs Shah did not want the police involved."
    with pytest.raises(CasekitError) as err:
        check_draft(text, profile=broken, recipient=recipient, case=CASE)
    assert err.value.field == f"drafting.confidentiality.{key}"
    assert "'... wishes' starts or ends with '...'" in err.value.message


# -- copies -------------------------------------------------------------------------------


def test_a_copy_carries_every_special_category_term_the_letter_holds() -> None:
    """The neighbour's benefits are already a leak to the member; the constituent's asylum
    claim becomes one only because the letter is copied on."""
    text = (
        "Mr Ellis next door is on PIP. Ms Shah is waiting for a Home Office decision on her "
        "asylum claim.\n\ncc: Cllr Dean Harper"
    )
    copied = [
        f
        for f in confidentiality(text, MEMBER)
        if f.check == "special_category" and f.severity == "breach"
    ]
    assert [f.words for f in copied] == ["Home Office decision", "asylum claim"]
    for f in copied:
        assert f.about == "Ms Shah" and f.rule == SOURCES["copied_member"]
        assert f.message == (
            "The draft is copied to people without consent and carries immigration data "
            f"about Ms Shah ('{f.words}')."
        )
    assert not [f for f in confidentiality(text.split("\n")[0], MEMBER) if f.severity == "breach"]


def test_a_copy_carrying_data_about_someone_unnamed_says_the_constituent() -> None:
    text = (
        "Dear Raj,\nShe is waiting for a Home Office decision on her asylum claim.\n\n"
        "cc: Cllr Dean Harper"
    )
    copied = [f for f in confidentiality(text, MEMBER) if f.check == "special_category"]
    assert [f.words for f in copied] == ["Home Office decision", "asylum claim"]
    assert all(
        f.about == "" and "immigration data about the constituent (" in f.message for f in copied
    )


# -- a complainant named onward, and what the reader said ------------------------------------

COMPLAINT = "Hi Dev,\nMrs Ann Shah has complained that the mower wakes her at 6am. "


@pytest.mark.parametrize(
    "onward",
    [
        "Please forward it to Mr Lee Tait so he knows.",
        "Do forward the message to Mr Lee Tait.",
        "Please send the e-mail to Mr Tait.",
        "Please show Mr Lee Tait this email.",
        "Please forward the whole of this to Mr Tait.",
        "I have sent the photos to the crew, so please show this email to Mr Lee Tait.",
    ],
)
def test_a_letter_an_officer_passes_on_names_the_complainant_to_that_person(onward: str) -> None:
    (f,) = confidentiality(COMPLAINT + onward, PARKS)
    assert (f.check, f.severity, f.words, f.about) == (
        "personal_data",
        "warning",
        "Mrs Ann Shah",
        "Mrs Ann Shah",
    )
    assert f.rule == SOURCES["identity"]
    assert f.message.startswith("The draft names Mrs Ann Shah ('Mrs Ann Shah') to a reader")


@pytest.mark.parametrize(
    "kept",
    [
        "I have sent the photos to the crew.",
        "Please send the crew to the field first.",
        "Please forward the rota to the depot.",
        "Thank you for this; Mr Lee Tait will cut the verge.",
    ],
)
def test_a_letter_kept_by_the_officer_names_nobody_onward(kept: str) -> None:
    assert confidentiality(COMPLAINT + kept, PARKS) == []


@pytest.mark.parametrize(
    "said",
    [
        "You said that Mr Len Hooper is your brother and moved away.",
        "As you tell us, Mr Len Hooper is your brother and moved away.",
        "You report that Mr Len Hooper is your brother and moved away.",
        "You reported that Mr Len Hooper is your brother and moved away.",
        "You have told us that Mr Len Hooper is your brother and moved away.",
    ],
)
def test_someone_the_reader_told_us_about_is_not_a_complainant(said: str) -> None:
    assert confidentiality("Dear Mrs Shah,\n" + said, CONSTITUENT) == []


def test_someone_who_said_it_themselves_is_named_as_a_complainant() -> None:
    (f,) = confidentiality("Dear Mrs Shah,\nMr Len Hooper said the hedge is yours.", CONSTITUENT)
    assert (f.check, f.about, f.rule) == ("personal_data", "Mr Len Hooper", SOURCES["identity"])
    assert f.message == (
        "The draft names Mr Len Hooper ('Mr Len Hooper') to a reader who does not need to "
        "know who raised or reported this. Say 'residents have reported' instead."
    )


def test_a_complainant_is_named_once_however_often_the_letter_names_him() -> None:
    text = (
        "Dear Mrs Shah,\nMr Len Hooper said the hedge is yours. "
        "Mr Len Hooper also said he would cut it."
    )
    assert [f.about for f in confidentiality(text, CONSTITUENT)] == ["Mr Len Hooper"]


def test_a_complaint_word_far_before_a_name_does_not_make_him_the_complainant() -> None:
    text = (
        "Dear Mrs Shah,\nYour complaint about the hedge on the corner is being looked at by "
        "Mr Len Hooper next week."
    )
    assert confidentiality(text, CONSTITUENT) == []
    near = "Dear Mrs Shah,\nThe complaint from Mr Len Hooper about the hedge is being looked at."
    assert [f.about for f in confidentiality(near, CONSTITUENT)] == ["Mr Len Hooper"]
