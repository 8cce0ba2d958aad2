"""Whose data a family member's circumstances are, both ways: the case's own constituent
listed with their relation stays the constituent; an attorney, deputy or appointee may have
what their authority covers; a reply to a resident about their own parent is advice to
check, not a leak; a criminal charge is not a care charge. Written for these tests."""

from __future__ import annotations

from casekit.drafting import check_draft
from casekit.rules.profile import load_profile

PROFILE = load_profile("default")
MEMBER = {"name": "Cllr Dawn Price"}


def flagged(text: str, **context: object) -> list[tuple[str, str, str]]:
    return [
        (f.check, f.severity, f.words)
        for f in check_draft(text, profile=PROFILE, member=MEMBER, **context)  # type: ignore[arg-type]
        if f.kind == "confidentiality" and f.above_advice
    ]


def advice(text: str, **context: object) -> list[str]:
    return [
        f.message
        for f in check_draft(text, profile=PROFILE, member=MEMBER, **context)  # type: ignore[arg-type]
        if f.kind == "confidentiality" and f.severity == "advice"
    ]


ATTORNEY = {
    "recipient": {"name": "Mr Gareth Powell", "role": "third_party"},
    "case": {"constituent": "Mrs Eirlys Powell"},
    "known_people": [{"name": "Mrs Eirlys Powell", "note": "mother", "consented": False}],
}
ATTORNEY_LETTER = (
    "Dear Mr Powell,\n\nThank you for sending the registered lasting power of attorney. "
    "Your mother's Attendance Allowance has now been included in the financial assessment, "
    "so her weekly contribution to the care home falls from 1 May.\n\n"
    "Yours sincerely,\nCllr Dawn Price"
)


def test_the_case_s_constituent_listed_with_their_relation_is_still_the_constituent() -> None:
    consents = [{"recipient": "Mr Gareth Powell", "scope": "lasting power of attorney"}]
    assert flagged(ATTORNEY_LETTER, consents=consents, **ATTORNEY) == []


def test_without_the_authority_recorded_the_same_letter_is_a_leak() -> None:
    assert flagged(ATTORNEY_LETTER, consents=[], **ATTORNEY)


def test_an_lpa_or_a_deputyship_covers_the_person_s_finances_by_its_short_name() -> None:
    for scope in ("LPA", "deputyship order from the Court of Protection"):
        consents = [{"recipient": "Mr Gareth Powell", "scope": scope}]
        assert flagged(ATTORNEY_LETTER, consents=consents, **ATTORNEY) == [], scope


def test_a_benefits_appointee_may_have_the_benefits_but_not_the_diagnosis() -> None:
    letter = (
        "Dear Mr Powell,\n\nAs your mother's appointee you will now receive her Pension "
        "Credit letters.\n\nYours sincerely,\nCllr Dawn Price"
    )
    consents = [{"recipient": "Mr Gareth Powell", "scope": "DWP appointee"}]
    assert flagged(letter, consents=consents, **ATTORNEY) == []
    health = letter.replace(
        "now receive her Pension Credit letters.",
        "want to know that her dementia diagnosis was confirmed by the memory clinic.",
    )
    found = flagged(health, consents=consents, **ATTORNEY)
    assert found and {c for c, _s, _w in found} == {"special_category"}
    assert any("dementia" in w for _c, _s, w in found)


RESIDENT = {
    "recipient": {"name": "Mrs Joanne Pike", "role": "constituent"},
    "case": {"constituent": "Mrs Joanne Pike"},
}


def test_a_reply_about_the_resident_s_own_parent_is_advice_to_check() -> None:
    text = (
        "Dear Mrs Pike,\n\nI know the bus change means a longer trip to take your father to "
        "his chemotherapy, and I have asked the transport team about the timetable.\n\n"
        "Yours sincerely,\nCllr Dawn Price"
    )
    assert flagged(text, **RESIDENT) == []
    [said] = advice(text, **RESIDENT)
    assert "your father" in said and "most likely what they told you" in said


def test_someone_else_s_parent_is_still_a_leak() -> None:
    text = (
        "Dear Mrs Pike,\n\nThe bus change also affects the man at number 4, whose father has "
        "chemotherapy twice a week.\n\nYours sincerely,\nCllr Dawn Price"
    )
    found = flagged(text, **RESIDENT)
    assert ("special_category", "warning", "has chemotherapy") in found


def test_a_care_charge_is_not_a_criminal_charge() -> None:
    text = (
        "Dear Mrs Pike,\n\nThe council compared the day centre charges with those of "
        "neighbouring councils before setting them.\n\nYours sincerely,\nCllr Dawn Price"
    )
    assert flagged(text, **RESIDENT) == []
    neighbour = (
        "Dear Mrs Pike,\n\nThe police tell me your neighbour Mr Dale Hurst was charged with "
        "criminal damage last week.\n\nYours sincerely,\nCllr Dawn Price"
    )
    assert "special_category" in [c for c, _s, _w in flagged(neighbour, **RESIDENT)]


def test_a_relative_s_circumstances_passed_on_from_someone_else_are_still_a_leak() -> None:
    sourced = (
        "Dear Mrs Pike,\n\nYour father's consultant told me his chemotherapy has been "
        "stopped.\n\nYours sincerely,\nCllr Dawn Price"
    )
    assert ("special_category", "warning", "chemotherapy") in flagged(sourced, **RESIDENT)
    theirs = sourced.replace("Your father's consultant told me", "As you told me, your father's")
    assert flagged(theirs, **RESIDENT) == []


def test_words_added_to_a_reply_are_not_a_copy_to_anyone() -> None:
    """'add that ...' reports what the member wants said; 'added your details to the
    ward team's list' hands the constituent's data to a campaign."""
    said = (
        "Dear Mrs Pike,\n\nCouncillor Price asked me to add that she will keep pressing the "
        "bus company to restore the 6 to its old route.\n\nYours sincerely,\nTom Hale"
    )
    assert flagged(said, **RESIDENT) == []
    handed = (
        "Dear Mrs Pike,\n\nI have added your details to the Labour ward team's supporters "
        "list so they can keep you posted.\n\nYours sincerely,\nTom Hale"
    )
    assert "copied_member" in [c for c, _s, _w in flagged(handed, **RESIDENT)]
