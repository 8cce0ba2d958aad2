"""Draft checks on written letters: neutral and partisan, safe and leaking, complete and not,
in the member's style and out of it. Each row names the findings above advice level that the
letter must raise, no more and no fewer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.drafting import Finding, check_draft
from casekit.errors import CasekitError
from casekit.rules.profile import load_profile

LETTERS = Path(__file__).parents[1] / "data" / "letters"
PEOPLE = json.loads((LETTERS / "people.json").read_text())
PROFILE = load_profile("default")
SHAH = PEOPLE["members"]["shah"]
CASE = PEOPLE["case"]
OKORO = {"name": "Grace Okoro", "title": "Ms"}

# letter, pre-election?, recipient, consents, findings above advice {(check, severity)}
ROWS: list[tuple[str, bool, Any, list[str], set[tuple[str, str]]]] = [
    ("good_reply.txt", False, None, [], set()),
    ("good_reply.txt", True, None, [], set()),
    ("partisan_party.txt", False, None, [], {("party_names", "warning")}),
    ("partisan_party.txt", True, None, [], {("party_names", "breach")}),
    ("partisan_attack.txt", False, None, [], {("attacks", "warning")}),
    ("partisan_attack.txt", True, None, [], {("attacks", "breach")}),
    ("partisan_credit.txt", False, None, [], {("credit_claiming", "warning")}),
    ("partisan_credit.txt", True, None, [], {("credit_claiming", "breach")}),
    ("partisan_call.txt", False, None, [], {("calls_to_action", "warning")}),
    ("partisan_call.txt", True, None, [], {("calls_to_action", "breach")}),
    ("pre_election_wording.txt", False, None, [], set()),
    ("pre_election_wording.txt", True, None, [], {("pre_election_extra", "breach")}),
    (
        "leak_third_party.txt",
        False,
        None,
        [],
        {("personal_data", "warning"), ("special_category", "warning")},
    ),
    ("leak_contact.txt", False, None, [], {("contact_details", "warning")}),
    ("leak_cc_member.txt", False, None, [], {("copied_member", "breach")}),
    ("no_consent.txt", False, OKORO, [], {("no_consent", "breach")}),
    ("no_consent.txt", False, OKORO, ["Grace Okoro"], set()),
    (
        "incomplete.txt",
        False,
        None,
        [],
        {("reference", "warning"), ("by_when", "warning"), ("contact", "warning")},
    ),
    ("incomplete_no_next_steps.txt", False, None, [], {("next_steps", "warning")}),
    (
        "style_informal.txt",
        False,
        None,
        [],
        {("greeting", "warning"), ("sign_off", "warning"), ("formality", "warning")},
    ),
    ("style_hard_going.txt", False, None, [], set()),
]


def check(name: str, **kwargs: Any) -> list[Finding]:
    text = (LETTERS / name).read_text()
    options: dict[str, Any] = {
        "profile": PROFILE,
        "member": SHAH,
        "case": CASE,
        "known_people": PEOPLE["known_people"],
    }
    options.update(kwargs)
    return check_draft(text, **options)


@pytest.mark.parametrize(("letter", "pre_election", "recipient", "consents", "expected"), ROWS)
def test_letters_raise_exactly_the_expected_findings(
    letter: str,
    pre_election: bool,
    recipient: Any,
    consents: list[str],
    expected: set[tuple[str, str]],
) -> None:
    findings = check(letter, pre_election=pre_election, recipient=recipient, consents=consents)
    assert {(f.check, f.severity) for f in findings if f.above_advice} == expected
    for f in findings:
        assert f.words == (LETTERS / letter).read_text()[f.start : f.end]
        assert f.rule and f.message


def test_criteria_and_sources_come_from_the_profile() -> None:
    findings = check("partisan_party.txt") + check("leak_cc_member.txt") + check("incomplete.txt")
    by_kind = {f.kind: f for f in findings}
    assert by_kind["neutrality"].criterion == PROFILE.drafting["neutrality"]["criterion"] == "AC5"
    assert by_kind["confidentiality"].criterion == "AC3"
    assert by_kind["completeness"].criterion == "AC3"
    assert "Local Government Act 1986 s2" in by_kind["neutrality"].rule
    assert by_kind["neutrality"].words == "Labour group"


def test_pre_election_findings_cite_the_publicity_code() -> None:
    (finding,) = [f for f in check("partisan_party.txt", pre_election=True) if f.above_advice]
    assert "heightened sensitivity" in finding.rule


def test_matching_is_whole_word_and_case_insensitive() -> None:
    profile = PROFILE
    found = check_draft("The labourer and the toryx came.", profile=profile)
    assert [f for f in found if f.kind == "neutrality"] == []
    found = check_draft("the LABOUR party and the tories", profile=profile)
    assert [f.words for f in found if f.kind == "neutrality"] == ["LABOUR party", "tories"]


def test_special_category_is_a_breach_for_a_third_party() -> None:
    text = (LETTERS / "no_consent.txt").read_text() + "\nShe has depression.\n"
    found = check_draft(
        text, profile=PROFILE, member=SHAH, case=CASE, recipient=OKORO, consents=["Grace Okoro"]
    )
    assert {(f.check, f.severity) for f in found if f.above_advice} == {
        ("special_category", "breach")
    }


def test_other_people_are_a_breach_for_a_third_party_and_named_by_finding() -> None:
    text = (LETTERS / "no_consent.txt").read_text() + "\nHer neighbour John Barker agrees.\n"
    found = check_draft(
        text,
        profile=PROFILE,
        case=CASE,
        recipient=OKORO,
        consents=["Grace Okoro"],
        known_people=["John Barker"],
    )
    (leak,) = [f for f in found if f.check == "personal_data"]
    assert (leak.severity, leak.about, leak.words) == ("breach", "John Barker", "John Barker")


def test_the_constituents_and_members_own_details_are_not_leaks() -> None:
    text = (
        "Dear Mrs Patel,\nI have your email, asha.patel@example.net, and postcode NF1 2AB. "
        "You can reach me on 01632 960999 or priya.shah@council.example.gov.uk."
    )
    found = check_draft(
        text,
        profile=PROFILE,
        member=SHAH | {"phone": "01632 960999"},
        case=CASE,
        recipient=PEOPLE["constituent"],
    )
    assert [f for f in found if f.kind == "confidentiality"] == []


def test_public_numbers_and_shared_mailboxes_are_not_personal_data() -> None:
    text = "Call Citizens Advice on 0800 144 8848 or write to enquiries@citizensadvice.org.uk."
    assert [f for f in check_draft(text, profile=PROFILE) if f.kind == "confidentiality"] == []


def test_copying_a_consented_recipient_or_the_member_is_not_flagged() -> None:
    base = (LETTERS / "good_reply.txt").read_text()
    assert not [
        f
        for f in check_draft(
            base + "\ncc: Cllr Priya Shah\n", profile=PROFILE, member=SHAH, case=CASE
        )
        if f.above_advice
    ]
    assert not [
        f
        for f in check_draft(
            base + "\nCopied to: Grace Okoro\n",
            profile=PROFILE,
            member=SHAH,
            case=CASE,
            consents=[{"recipient": "Grace Okoro"}],
        )
        if f.above_advice
    ]


def test_style_comparisons_name_what_the_member_expects() -> None:
    found = {f.check: f for f in check("style_informal.txt")}
    assert found["greeting"].expected == "Dear Mrs Patel"
    assert found["greeting"].words == "Hiya Asha"
    assert found["sign_off"].expected == "Yours sincerely"
    assert "Dear Mrs Patel" in found["greeting"].message


def test_readability_gives_the_figure_and_points_at_the_longest_sentence() -> None:
    (finding,) = [f for f in check("style_hard_going.txt") if f.check == "readability"]
    assert finding.severity == "advice"
    assert "Flesch" in finding.message and "50.0" in finding.message
    assert finding.words.startswith("Notwithstanding")
    assert "Flesch" in finding.rule


def test_no_recurring_phrase_is_advice() -> None:
    text = (
        (LETTERS / "good_reply.txt")
        .read_text()
        .replace("I will keep pressing until this is put right.", "")
    )
    found = check_draft(text, profile=PROFILE, member=SHAH, case=CASE)
    assert [(f.check, f.severity) for f in found] == [("phrases", "advice")]


def test_a_warm_member_gets_advice_on_stiff_wording() -> None:
    evans = PEOPLE["members"]["evans"]
    text = (
        "Hello Asha,\n\nFurther to your letter, please do not hesitate to call me.\n\n"
        "Best wishes,\nGareth"
    )
    found = check_draft(text, profile=PROFILE, member=evans, case={"constituent": "Asha Patel"})
    formality = [f for f in found if f.check == "formality"]
    assert [(f.words, f.severity) for f in formality] == [
        ("Further to", "advice"),
        ("please do not hesitate", "advice"),
    ]
    assert not [f for f in found if f.check in ("greeting", "sign_off")]


def test_findings_serialise_and_round_trip() -> None:
    finding = check("partisan_party.txt")[0]
    data = finding.as_dict()
    assert {"kind", "severity", "message", "words", "start", "end", "rule", "criterion"} <= set(
        data
    )
    assert Finding.from_dict(json.loads(json.dumps(data))) == finding


def test_bad_inputs_are_refused_with_the_field() -> None:
    with pytest.raises(CasekitError) as err:
        check_draft(b"bytes", profile=PROFILE)  # type: ignore[arg-type]
    assert err.value.field == "text"
    with pytest.raises(CasekitError) as err:
        check_draft("hello", profile={"drafting": {"style": {}}})
    assert err.value.field == "drafting.neutrality"
    with pytest.raises(CasekitError):
        Finding("tone", "advice", "m", "", 0, 0, "r", "AC3")


FRAGMENTS = [
    "Labour",
    "Tories",
    "vote for",
    "the opposition",
    "thanks to us",
    "John Barker",
    "Dear Mrs Patel,",
    "Hiya",
    "Cheers",
    "cc: Cllr Tom Reid",
    "depression",
    "01632 960123",
    "x@y.com",
    "NF1 2AB",
    "NF-2026-0007",
    "by 7 January 2026",
    "\n",
    " ",
    ".",
    "!!",
    "é",
    "{title}",
    "Mr and Mrs Okafor at number 12",
    "your neighbour's son, Kyle Barnes, who is 15, was arrested",
    "she has PIP",
    "he",
    "their",
    "who",
    "cc: Cllr A, ",
    "You have my word",
    "I will make sure the application is refused",
    "the last lot",
    "Labour-run",
    "Green group has tabled a motion",
    "a.b@x.gov.uk",
    "+44 (0)116 496 0212",
    "Flat 6, where",
    "(",
    "'s",
    "won't",
    "Dear Mrs Patel,\n",
    "Yours sincerely,\n",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join),
    st.booleans(),
    st.sampled_from(
        [
            None,
            OKORO,
            "Asha Patel",
            {"name": "", "role": "service"},
            {"name": "Mr Dale Fenwick", "role": "third-party"},
            {"name": "Highways Team", "role": "officer"},
            {"name": "Cllr Priya Shah", "role": "member"},
        ]
    ),
    st.sampled_from([[], ["Grace Okoro"], [{"recipient": "Highways Team", "scope": "health"}]]),
    st.sampled_from([SHAH, {**SHAH, "committees": ["planning"]}, None]),
)
def test_check_draft_never_raises_and_offsets_point_at_the_words(
    text: str, pre_election: bool, recipient: Any, consents: list[Any], member: Any
) -> None:
    findings = check_draft(
        text,
        profile=PROFILE,
        member=member,
        case=CASE,
        recipient=recipient,
        consents=consents,
        known_people=[*PEOPLE["known_people"], {"name": "Kyle Barnes", "consented": False}],
        pre_election=pre_election,
    )
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.words
        assert f.severity in ("advice", "warning", "breach") and f.message


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(
    st.dictionaries(
        st.sampled_from(["kind", "severity", "message", "words", "start", "end", "rule", "check"]),
        JSONISH | st.sampled_from(["style", "breach", "neutrality", "advice"]),
    )
)
def test_finding_from_dict_gives_a_finding_or_a_named_error(data: dict[str, Any]) -> None:
    try:
        finding = Finding.from_dict(data)
    except CasekitError as err:
        assert err.field in ("findings", "kind", "severity")
    else:
        assert finding.kind == data["kind"] and finding.severity == data["severity"]


@pytest.mark.parametrize(
    ("reader", "opening", "ok"),
    [
        ({"name": "Asha Patel"}, "Dear Asha Patel,", True),  # title unknown: any word fits
        ({"name": "Asha Patel"}, "Dear Mrs Patel,", True),
        ({"name": "Asha Patel"}, "Dear Mrs Jones,", False),
        ({"name": "Housing Repairs", "role": "service"}, "Dear colleague,", True),
        ({"name": "Housing Repairs", "role": "service"}, "Hi team,", False),
    ],
)
def test_greeting_when_the_readers_title_is_unknown(reader: Any, opening: str, ok: bool) -> None:
    text = f"{opening}\n\nThe pipe will be fixed.\n\nYours sincerely,\nPriya Shah"
    found = [
        f
        for f in check_draft(text, profile=PROFILE, member=SHAH, recipient=reader)
        if f.check == "greeting"
    ]
    assert (found == []) is ok
    if found and reader.get("role") != "service":
        assert found[0].expected == "Dear {title} Patel"


@settings(max_examples=100, deadline=None)
@given(
    st.text(max_size=200),
    st.fixed_dictionaries(
        {
            "greeting": st.text(max_size=20)
            | st.sampled_from(["Dear {title} {surname}", "Hi {x}"]),
            "sign_off": st.text(max_size=15),
            "formality": st.text(max_size=8) | st.sampled_from(["formal", "informal", "warm"]),
            "recurring_phrases": st.lists(st.text(max_size=15), max_size=3),
        }
    ),
    st.lists(st.text(max_size=15), max_size=3),
)
def test_any_member_style_and_people_never_break_the_checks(
    text: str, style: dict[str, Any], people: list[str]
) -> None:
    member = {"name": "Cllr Priya Shah", "style": style}
    findings = check_draft(
        text,
        profile=PROFILE,
        member=member,
        known_people=people,
        consents=people,
        recipient=people[0] if people else None,
    )
    assert all(text[f.start : f.end] == f.words for f in findings)


# -- the member's policy stance -----------------------------------------------------------
def test_a_reply_that_does_not_reflect_the_members_stance_gets_advice() -> None:
    text = (LETTERS / "good_reply.txt").read_text()
    reply_case = {**CASE, "letter_kind": "full_reply"}
    found = check_draft(text, profile=PROFILE, member=SHAH, case=reply_case)
    stance = [f for f in found if f.check == "stance"]
    if "repair" in text.casefold():
        assert stance == []  # "faster repairs": the letter already speaks of repairs
        text = text.replace("repairs", "works").replace("repair", "work")
        found = check_draft(text, profile=PROFILE, member=SHAH, case=reply_case)
        stance = [f for f in found if f.check == "stance"]
    [finding] = stance
    assert finding.severity == "advice" and finding.criterion == "AC3"
    assert "wants faster repairs" in finding.message and "housing" in finding.message
    assert finding.rule == PROFILE.drafting["style"]["source"]


def test_the_stance_is_checked_only_in_the_letters_the_profile_names() -> None:
    text = "Dear Mrs Patel,\n\nThank you for your letter. Ref NF-2026-0007.\n\nYours sincerely"
    for kind in ("acknowledgement", "holding_reply", ""):
        found = check_draft(text, profile=PROFILE, member=SHAH, case={**CASE, "letter_kind": kind})
        assert not [f for f in found if f.check == "stance"], kind
    other_matter = {**CASE, "letter_kind": "full_reply", "category": "parking"}
    found = check_draft(text, profile=PROFILE, member=SHAH, case=other_matter)
    assert not [f for f in found if f.check == "stance"]  # no stance on parking
    found = check_draft(
        text, profile=PROFILE, member=SHAH, case={**CASE, "letter_kind": "full_reply"}
    )
    assert [f.check for f in found if f.check == "stance"] == ["stance"]


@pytest.mark.parametrize(
    "number",
    [
        "0113 496 0155",
        "(0113) 496 0155",
        "+44 (0)113 496 0155",
        "+44 113 496 0155",
        "07700 900123",
        "020 7946 0123",
    ],
)
def test_a_leaked_number_is_found_in_every_written_form(number: str) -> None:
    text = f"Dear Mrs Jones,\n\nHer neighbour can be reached on {number} most evenings.\n"
    found = [f for f in check_draft(text, profile=PROFILE) if f.check == "contact_details"]
    assert len(found) == 1 and number in found[0].message


def test_the_recipients_own_number_is_theirs_in_any_form() -> None:
    text = "We will ring you on +44 (0)1632 960999 as you asked."
    found = check_draft(
        text, profile=PROFILE, recipient={"name": "Ann Lee", "phone": "01632 960999"}
    )
    assert [f for f in found if f.check == "contact_details"] == []


def test_only_the_kinds_of_check_asked_for_run() -> None:
    """The trap judgements ask for one kind of check each; what they get is exactly that
    kind's part of the full check."""
    profile = load_profile("default")
    text = (
        "dear resident, this was sorted thanks to the Green Party. Mr Boateng has kidney "
        "failure. I will vote against the application."
    )
    member = {"name": "Cllr Amir Khan", "committees": ["planning"]}
    every = check_draft(text, profile=profile, member=member)
    assert {f.kind for f in every} >= {"neutrality", "confidentiality", "predetermination"}
    for kind in ("neutrality", "confidentiality", "predetermination", "style"):
        only = check_draft(text, profile=profile, member=member, kinds=(kind,))
        assert only == [f for f in every if f.kind == kind], kind
    assert check_draft(text, profile=profile, member=member, kinds=()) == []
